import {
  type ApiClient,
  builtInEditions,
  describeApplicationWindow,
  describePrograms,
  type EditionView,
  type ProgramWithWindow,
} from '@huiqi/shared';
import { shanghaiToday } from './shanghai-time';

export type ProgramInfo = ProgramWithWindow;

/** GET /api/v1/programs's answer, or the app's built-in edition described the same way. */
export interface ProgramsAnswer {
  edition: EditionView;
  programs: ProgramInfo[];
  /** From the app's built-in edition because the API could not be reached. */
  offline: boolean;
}

/** Whether applications are taken today: inside the program's window (its edition's), dates inclusive. */
export const windowOpen = (program: Pick<ProgramInfo, 'applicationWindow'>, today: string = shanghaiToday()): boolean =>
  program.applicationWindow !== null &&
  program.applicationWindow.opens <= today &&
  today <= program.applicationWindow.closes;

/** The newest edition that ships with the app, described the way the API describes one. */
export const builtInPrograms = (): ProgramsAnswer => {
  const editions = builtInEditions();
  const edition = editions[editions.length - 1];
  if (!edition) throw new Error('no built-in edition');
  return {
    edition: {
      id: edition.id,
      title: edition.title,
      claimYear: edition.claimYear,
      status: 'published',
      demo: edition.demo,
      version: null,
      contentHash: null,
      publishedAt: null,
      validFrom: edition.validFrom,
      validTo: edition.validTo,
      applicationWindow: edition.applicationWindow ?? null,
      applicationNotice: describeApplicationWindow(edition),
    },
    programs: describePrograms(edition).map((p) => ({ ...p, applicationWindow: edition.applicationWindow ?? null })),
    offline: true,
  };
};

/**
 * The programs of the edition in force for `year`, from the API; the built-in edition when the
 * API cannot be reached (the page says so). Any other failure (no edition for the year) rejects.
 */
export const loadPrograms = async (client: ApiClient, year: number): Promise<ProgramsAnswer> => {
  try {
    const answer = await client.listPrograms({ query: { year } });
    return { ...answer, offline: false };
  } catch (error) {
    if ((error as { offline?: boolean }).offline) return builtInPrograms();
    throw error;
  }
};
