import ExcelJS from 'exceljs';

/** One award held against a pool, as finance reads it. Amounts in integer fen, dates YYYY-MM-DD. */
export type PoolAwardRow = {
  readonly applicationId: number | string;
  readonly firmName: string;
  readonly uscc: string;
  /** The county's name (所在县（市、区）), not its id. */
  readonly county: string;
  readonly programTitle: string;
  /** The measure as the policy names it, e.g. 措施二. */
  readonly measure: string;
  readonly statusLabel: string;
  readonly awardFen: number;
  /** When the city's approval reserved the amount. */
  readonly reservedAt?: string;
  /** When the notice period ended and the amount was committed; unset while only reserved. */
  readonly committedAt?: string;
  readonly paidAt?: string;
  readonly voucherNo?: string;
};

/**
 * The pool's ledger. An award is reserved, then committed; a paid award stays committed (paidFen
 * is the part of committedFen already paid), so the pool holds reservedFen + committedFen ≤ capFen.
 */
export type PoolLedgerTotals = {
  readonly capFen: number;
  readonly reservedFen: number;
  readonly committedFen: number;
  readonly paidFen: number;
};

/** What a pool's finance export is made from: every award the ledger holds, none released. */
export type PoolExport = {
  readonly roundTitle: string;
  readonly poolId: number | string;
  readonly poolTitle: string;
  readonly rows: readonly PoolAwardRow[];
  readonly ledger: PoolLedgerTotals;
};

export type LedgerDisagreement = {
  readonly line: 'total' | 'committed' | 'paid' | 'cap';
  readonly rowsFen: number;
  readonly ledgerFen: number;
};

const DISAGREEMENT_ZH: Readonly<Record<LedgerDisagreement['line'], string>> = {
  total: '核定金额合计与台账（已预留＋已确认）不一致',
  committed: '已确认的核定金额与台账已确认金额不一致',
  paid: '已拨付的核定金额与台账已拨付金额不一致',
  cap: '台账占用金额超过资金池额度',
};

/**
 * The award rows and the ledger do not agree to the fen (or the ledger holds more than the pool):
 * no export is made, since finance would pay from numbers that contradict each other.
 * `userMessage` is the Chinese sentence for the AppError the service answers with.
 */
export class LedgerMismatchError extends Error {
  readonly userMessage: string;

  constructor(readonly disagreement: LedgerDisagreement) {
    super(
      `Pool export: the ${disagreement.line} of the rows (${disagreement.rowsFen} fen) is not the ledger's (${disagreement.ledgerFen} fen)`,
    );
    this.name = 'LedgerMismatchError';
    this.userMessage = `${DISAGREEMENT_ZH[disagreement.line]}，未生成导出文件。`;
  }
}

export const EXPORT_HEADER = [
  '序号',
  '申报编号',
  '企业名称',
  '统一社会信用代码',
  '所在县（市、区）',
  '项目',
  '措施',
  '状态',
  '核定金额（元）',
  '拨付凭证号',
  '拨付日期',
] as const;

/** 1-based column of the amount (核定金额（元）): the SUM formula and the totals lines use it. */
const AMOUNT_COLUMN = EXPORT_HEADER.indexOf('核定金额（元）') + 1;
const COLUMN_COUNT = EXPORT_HEADER.length;

/**
 * The largest amount written as a spreadsheet number: a double keeps 15 significant digits, so
 * up to 10^15 − 1 fen every two-decimal amount reads back to the same fen (Excel shows no more).
 */
const MAX_SHEET_FEN = 999_999_999_999_999;

const requireFen = (fen: number, what: string): number => {
  if (!Number.isSafeInteger(fen) || fen < 0)
    throw new RangeError(`${what} must be a non-negative safe integer number of fen, not ${fen}`);
  return fen;
};

/** Yuan with exactly two decimals, by integer arithmetic on the fen: 123456 → "1234.56". */
export const fenToYuan = (fen: number): string => {
  requireFen(fen, 'amount');
  const cents = fen % 100;
  return `${(fen - cents) / 100}.${cents < 10 ? '0' : ''}${cents}`;
};

type SummaryLine =
  | { readonly label: string; readonly fen: number; readonly total?: 'rows' | 'ledger' }
  | { readonly label: string; readonly text: string };

type Totals = { readonly rowsFen: number; readonly ledgerFen: number };

/** Checks the rows against the ledger (throws LedgerMismatchError) and gives both totals. */
const agreedTotals = ({ rows, ledger }: PoolExport): Totals => {
  let total = 0;
  let committed = 0;
  let paid = 0;
  for (const row of rows) {
    const fen = requireFen(row.awardFen, `awardFen of application ${row.applicationId}`);
    total += fen;
    if (row.committedAt !== undefined) committed += fen;
    if (row.paidAt !== undefined) paid += fen;
  }
  const cap = requireFen(ledger.capFen, 'capFen');
  const held = requireFen(ledger.reservedFen, 'reservedFen') + requireFen(ledger.committedFen, 'committedFen');
  requireFen(ledger.paidFen, 'paidFen');
  if (!Number.isSafeInteger(total) || total !== held)
    throw new LedgerMismatchError({ line: 'total', rowsFen: total, ledgerFen: held });
  if (committed !== ledger.committedFen)
    throw new LedgerMismatchError({ line: 'committed', rowsFen: committed, ledgerFen: ledger.committedFen });
  if (paid !== ledger.paidFen)
    throw new LedgerMismatchError({ line: 'paid', rowsFen: paid, ledgerFen: ledger.paidFen });
  if (held > cap) throw new LedgerMismatchError({ line: 'cap', rowsFen: held, ledgerFen: cap });
  return { rowsFen: total, ledgerFen: held };
};

/** The lines under the awards, the same in both formats: the rows' total and the ledger's first. */
const summaryLines = (input: PoolExport, totals: Totals): readonly SummaryLine[] => {
  const { ledger } = input;
  return [
    { label: `合计（${input.rows.length}项）`, fen: totals.rowsFen, total: 'rows' },
    { label: '台账合计（已预留＋已确认）', fen: totals.ledgerFen, total: 'ledger' },
    { label: '其中：已预留（待公示期满）', fen: ledger.reservedFen },
    { label: '其中：已确认', fen: ledger.committedFen },
    { label: '已拨付', fen: ledger.paidFen },
    { label: '资金池额度', fen: ledger.capFen },
    { label: '资金池剩余额度', fen: ledger.capFen - totals.ledgerFen },
    { label: '申报批次', text: input.roundTitle },
    { label: '资金池', text: `${input.poolTitle}（编号：${input.poolId}）` },
  ];
};

/** An award's line, its amount as the format writes it (at AMOUNT_COLUMN). */
const rowCells = (row: PoolAwardRow, index: number, amount: string | number): readonly (string | number | null)[] => [
  index + 1,
  row.applicationId,
  row.firmName,
  row.uscc,
  row.county,
  row.programTitle,
  row.measure,
  row.statusLabel,
  amount,
  row.voucherNo ?? null,
  row.paidAt ?? null,
];

// --- CSV -------------------------------------------------------------------------------------

/**
 * A cell Excel would read as a formula (= + - @, or a tab or carriage return before one) is
 * prefixed with an apostrophe (OWASP's CSV injection advice): a firm name typed as
 * =HYPERLINK(…) stays text on a finance officer's machine.
 */
const defuse = (text: string): string => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);

/** RFC 4180: quoted when it holds a quote, a comma or a line break, quotes doubled. */
const csvField = (value: string): string => {
  const text = defuse(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

const csvLine = (cells: readonly string[]): string => cells.map(csvField).join(',');

const padded = (cells: Record<number, string>): string[] =>
  Array.from({ length: COLUMN_COUNT }, (_, i) => cells[i + 1] ?? '');

/**
 * The pool's awards as CSV: UTF-8 with a byte-order mark (so Excel reads the Chinese), CRLF line
 * ends, the header, one line per award, then the totals lines; amounts in yuan with two decimals.
 */
export const poolAwardsCsv = (input: PoolExport): string => {
  const totals = agreedTotals(input);
  const lines = [csvLine(EXPORT_HEADER)];
  input.rows.forEach((row, i) =>
    lines.push(csvLine(rowCells(row, i, fenToYuan(row.awardFen)).map((v) => (v === null ? '' : String(v))))),
  );
  for (const line of summaryLines(input, totals))
    lines.push(
      csvLine(
        padded(
          'fen' in line ? { 1: line.label, [AMOUNT_COLUMN]: fenToYuan(line.fen) } : { 1: line.label, 3: line.text },
        ),
      ),
    );
  return `\uFEFF${lines.join('\r\n')}\r\n`;
};

// --- Excel -----------------------------------------------------------------------------------

const SHEET_NAME_FORBIDDEN: Readonly<Record<string, string>> = {
  '*': '＊',
  '?': '？',
  ':': '：',
  '\\': '＼',
  '/': '／',
  '[': '［',
  ']': '］',
};

/**
 * The pool's title as an Excel sheet name: the characters Excel forbids replaced by their
 * full-width forms, no apostrophe at either end, at most 31 characters, never "History".
 */
export const sheetNameFor = (poolTitle: string, poolId: number | string): string => {
  let name = '';
  for (const ch of poolTitle.replace(/[*?:\\/[\]]/g, (c) => SHEET_NAME_FORBIDDEN[c] ?? '_').trim()) {
    if (name.length + ch.length > 31) break;
    name += ch;
  }
  name = name.replace(/^'+|'+$/g, '').trim();
  if (name === '') return `资金池${poolId}`.slice(0, 31);
  return name.toLowerCase() === 'history' ? `${name}（资金池）` : name;
};

/**
 * Text as a cell can hold it: a line break is Excel's LF (an XML reader turns a CR into LF or
 * drops it), and control characters XML cannot carry are left out (exceljs would drop them
 * silently), so what the sheet says is what was written.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const NOT_IN_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;
const sheetText = (text: string): string => text.replace(/\r\n?/g, '\n').replace(NOT_IN_XML, '');

/** A two-decimal yuan amount as the sheet's number: the decimal string's nearest double. */
const yuanNumber = (fen: number): number => {
  if (fen > MAX_SHEET_FEN) throw new RangeError(`${fen} fen is beyond what a sheet number holds to the fen`);
  return Number(fenToYuan(fen));
};

const AMOUNT_FORMAT = '0.00';
/** A1 reference of the amount cell of a row (the amount column is I, within A–Z). */
const amountRef = (row: number): string => `${String.fromCharCode(64 + AMOUNT_COLUMN)}${row}`;

/**
 * The pool's awards as an .xlsx workbook: one sheet named after the pool, the Chinese header
 * frozen, identifiers as text, amounts as numbers in yuan with a 0.00 format, then a 合计 line that
 * is a SUM formula over the amounts and the ledger's own total, which agree (checked first).
 */
export const poolAwardsXlsx = async (input: PoolExport): Promise<Buffer> => {
  const totals = agreedTotals(input);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '电商惠企通';
  workbook.title = sheetText(`${input.roundTitle} ${input.poolTitle}`);
  const sheet = workbook.addWorksheet(sheetNameFor(input.poolTitle, input.poolId), {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  sheet.columns = EXPORT_HEADER.map((header) => ({
    header,
    width: header === '企业名称' || header === '项目' ? 32 : header === '统一社会信用代码' ? 22 : 14,
  }));
  sheet.getRow(1).font = { bold: true };

  input.rows.forEach((row, i) => {
    const cells = rowCells(row, i, yuanNumber(row.awardFen)).map((v) => (typeof v === 'string' ? sheetText(v) : v));
    sheet.addRow(cells).getCell(AMOUNT_COLUMN).numFmt = AMOUNT_FORMAT;
  });

  const last = input.rows.length + 1;
  const amounts = `${amountRef(2)}:${amountRef(last)}`;
  summaryLines(input, totals).forEach((line, i) => {
    const r = last + 1 + i;
    sheet.getCell(r, 1).value = line.label;
    if ('fen' in line) {
      sheet.mergeCells(r, 1, r, AMOUNT_COLUMN - 1);
      const cell = sheet.getCell(r, AMOUNT_COLUMN);
      // The 合计 line sums the cells above, so an edited amount shows in it; its cached result is
      // the exact total, so a viewer that does not recalculate shows the right figure too.
      cell.value =
        line.total === 'rows' && input.rows.length > 0
          ? { formula: `SUM(${amounts})`, result: yuanNumber(line.fen) }
          : yuanNumber(line.fen);
      cell.numFmt = AMOUNT_FORMAT;
      if (line.total !== undefined) sheet.getRow(r).font = { bold: true };
    } else {
      sheet.mergeCells(r, 1, r, 2);
      sheet.getCell(r, 3).value = sheetText(line.text);
      sheet.mergeCells(r, 3, r, COLUMN_COUNT);
    }
  });

  return Buffer.from(await workbook.xlsx.writeBuffer());
};
