import { normalizeText, textProblem, textProblemMessage, type TextRules } from '@huiqi/shared';
import { Transform } from 'class-transformer';
import { registerDecorator, type ValidationArguments } from 'class-validator';

/**
 * A property a person types (a name, a contact, a reason): normalised as the shared text rules
 * say (NFC, trimmed, line breaks as `\n`) before validation, so the service receives and stores
 * the normalised value, then checked by the same rules the mini-program uses. `label` is the
 * field as the form calls it, for the message. Never for passwords or codes.
 */
export const IsHumanText =
  (label: string, rules: TextRules): PropertyDecorator =>
  (target, propertyName) => {
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? normalizeText(value, rules) : value))(
      target,
      propertyName,
    );
    registerDecorator({
      name: 'isHumanText',
      target: target.constructor,
      propertyName: propertyName as string,
      validator: {
        validate: (value: unknown) => textProblem(value, rules) === null,
        defaultMessage: (args?: ValidationArguments) =>
          textProblemMessage(textProblem(args?.value, rules) ?? 'notText', label, rules),
      },
    });
  };
