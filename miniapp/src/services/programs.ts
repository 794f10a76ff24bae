import {
  type ApplicationWindow,
  builtInEditions,
  describeApplicationWindow,
  describePrograms,
  type ProgramDescription,
} from '@huiqi/shared';
import { type ApiClient } from './request';

/** An edition as GET /api/v1/programs describes it. */
export interface EditionInfo {
  id: string;
  title: string;
  claimYear: number;
  demo: boolean;
  validFrom: string;
  validTo: string;
  /** Null until the city publishes an application round for the year. */
  applicationWindow: ApplicationWindow | null;
  /** The window, or that no round is open yet, in one sentence. */
  applicationNotice: string;
}

export type ProgramInfo = ProgramDescription & { applicationWindow: ApplicationWindow | null };

export interface ProgramsAnswer {
  edition: EditionInfo;
  programs: ProgramInfo[];
  /** From the app's built-in edition because the API could not be reached. */
  offline: boolean;
}

/** Today's year in Asia/Shanghai (UTC+8 all year), whatever the phone's time zone. */
export const shanghaiYear = (now: Date = new Date()): number =>
  new Date(now.getTime() + 8 * 3_600_000).getUTCFullYear();

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
      demo: edition.demo,
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
    const answer = await client.get<Omit<ProgramsAnswer, 'offline'>>(`/api/v1/programs?year=${year}`, {
      anonymous: true,
    });
    return { ...answer, offline: false };
  } catch (error) {
    if ((error as { offline?: boolean }).offline) return builtInPrograms();
    throw error;
  }
};
