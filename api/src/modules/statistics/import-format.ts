import ExcelJS from 'exceljs';
import {
  COUNTIES,
  type CountyId,
  type ImportProblem,
  MONTHLY_FIGURES_FIELDS,
  MONTHLY_FIGURES_KEY_COLUMNS,
  type MonthlyFigures,
  type MonthlyFiguresField,
  monthlyFiguresColumn,
  YEARS,
} from '@huiqi/shared';

/** What one import may hold: a file up to 2 MB, 1,000 data rows (about seven years of every county), 50 columns. */
export const IMPORT_LIMITS = { bytes: 2 * 1024 * 1024, rows: 1000, columns: 50 } as const;

/** A cell as read from either format: nothing, a number (xlsx), or text. */
export type RawCell = { kind: 'empty' } | { kind: 'number'; value: number } | { kind: 'text'; text: string };

/** A sheet as read: the header row's cells and each data row with its row number in the file (1 is the header). */
export interface RawSheet {
  header: RawCell[];
  rows: { row: number; cells: RawCell[] }[];
  /** Header cells that are part of a merged range (xlsx), by column index (0-based). */
  mergedHeaderColumns: number[];
}

/** A file that could not be read as a whole: the problem to answer with. */
export class ImportRefusal extends Error {
  constructor(readonly problems: ImportProblem[]) {
    super(problems.map((p) => `${p.field}：${p.message}`).join('；'));
    this.name = 'ImportRefusal';
  }
}

const fileProblem = (message: string): ImportProblem => ({ field: '文件', message, row: null, column: null });

const cellProblem = (row: number, column: string, message: string): ImportProblem => ({
  field: `第${row}行“${column}”`,
  message,
  row,
  column,
});

const headerProblem = (column: string, message: string): ImportProblem => ({
  field: `表头“${column}”`,
  message,
  row: 1,
  column,
});

const EMPTY: RawCell = { kind: 'empty' };

const textCell = (text: string): RawCell => (text.trim() === '' ? EMPTY : { kind: 'text', text: text.trim() });

// ---------------------------------------------------------------------------------------------
// Reading the bytes

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

/** True when the bytes are a zip archive (an .xlsx is one). */
export const isZip = (bytes: Uint8Array): boolean => ZIP_MAGIC.every((b, i) => bytes[i] === b);

/**
 * CSV text from its bytes: UTF-8 (a byte order mark is dropped) when the bytes are valid UTF-8,
 * else GBK (what Excel on a Chinese Windows saves as "CSV"). ASCII is both; it reads the same.
 */
export const decodeCsv = (bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'gbk' } => {
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gbk').decode(body), encoding: 'gbk' };
  }
};

/**
 * RFC 4180 records: fields separated by commas, records by CRLF or LF, a field in double quotes
 * may hold commas, line breaks and doubled quotes. Each record with the line it starts on.
 */
export const parseCsv = (text: string): { line: number; fields: string[] }[] => {
  const records: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  let i = 0;
  const endRecord = (): void => {
    fields.push(field);
    records.push({ line: start, fields });
    fields = [];
    field = '';
  };
  while (i < text.length) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
      i++;
      continue;
    }
    if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      fields.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      i++;
      continue;
    } else if (ch === '\n') {
      endRecord();
      line++;
      start = line;
    } else field += ch;
    i++;
  }
  if (quoted) throw new ImportRefusal([fileProblem(`第${start}行的引号没有闭合，请检查该行的双引号`)]);
  if (field !== '' || fields.length > 0) endRecord();
  return records;
};

const csvSheet = (bytes: Uint8Array): RawSheet => {
  const records = parseCsv(decodeCsv(bytes).text).filter((r) => r.fields.some((f) => f.trim() !== ''));
  const [head, ...rest] = records;
  if (!head) throw new ImportRefusal([fileProblem('文件是空的：第1行应为表头，之后每行一个县（市、区）的一个月')]);
  if (head.line !== 1) throw new ImportRefusal([fileProblem('第1行应为表头，不能是空行')]);
  return {
    header: head.fields.map(textCell),
    rows: rest.map((r) => ({ row: r.line, cells: r.fields.map(textCell) })),
    mergedHeaderColumns: [],
  };
};

/** An xlsx cell's value as a raw cell: formulas by their result, rich text and links by their text. */
const xlsxCell = (value: ExcelJS.CellValue): RawCell => {
  if (value === null || value === undefined) return EMPTY;
  if (typeof value === 'number') return { kind: 'number', value };
  if (typeof value === 'string') return textCell(value);
  if (typeof value === 'boolean') return { kind: 'text', text: value ? 'TRUE' : 'FALSE' };
  if (value instanceof Date) return { kind: 'text', text: value.toISOString().slice(0, 10) };
  if ('richText' in value) return textCell(value.richText.map((r) => r.text).join(''));
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: ExcelJS.CellValue }).result;
    return result === undefined ? EMPTY : xlsxCell(result);
  }
  if ('text' in value && typeof value.text === 'string') return textCell(value.text);
  if ('error' in value) return { kind: 'text', text: String(value.error) };
  return { kind: 'text', text: String(value as unknown) };
};

const xlsxSheet = async (bytes: Uint8Array): Promise<RawSheet> => {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch {
    throw new ImportRefusal([fileProblem('无法读取该 Excel 文件，请用 Excel 或 WPS 另存为 .xlsx 后重新上传')]);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet || sheet.actualRowCount === 0)
    throw new ImportRefusal([
      fileProblem('工作簿的第一个工作表是空的：第1行应为表头，之后每行一个县（市、区）的一个月'),
    ]);
  const width = Math.min(sheet.columnCount, IMPORT_LIMITS.columns + 1);
  const cellsOf = (row: ExcelJS.Row): RawCell[] =>
    Array.from({ length: width }, (_, c) => xlsxCell(row.getCell(c + 1).value));
  const headerRow = sheet.getRow(1);
  const mergedHeaderColumns: number[] = [];
  for (let c = 0; c < width; c++) if (headerRow.getCell(c + 1).isMerged) mergedHeaderColumns.push(c);
  const rows: RawSheet['rows'] = [];
  for (let r = 2; r <= sheet.rowCount; r++) {
    const cells = cellsOf(sheet.getRow(r));
    if (cells.some((c) => c.kind !== 'empty')) rows.push({ row: r, cells });
    // One past the limit is enough for readMonths to refuse it.
    if (rows.length > IMPORT_LIMITS.rows) break;
  }
  return { header: cellsOf(headerRow), rows, mergedHeaderColumns };
};

/** The file's first sheet (xlsx) or its records (csv), told apart by the bytes, not the name. */
export const readSheet = async (bytes: Uint8Array): Promise<RawSheet> =>
  isZip(bytes) ? xlsxSheet(bytes) : csvSheet(bytes);

// ---------------------------------------------------------------------------------------------
// Reading the values

/** Full-width brackets and no spaces: `网络零售额(万元)` is `网络零售额（万元）`. */
const normaliseHeader = (text: string): string => text.replace(/\(/g, '（').replace(/\)/g, '）').replace(/\s+/g, '');

const KEY = MONTHLY_FIGURES_KEY_COLUMNS;
const FIELD_COLUMNS = MONTHLY_FIGURES_FIELDS.map((f) => ({ ...f, column: monthlyFiguresColumn(f.name, f.unit) }));
const KNOWN_COLUMNS = [KEY.county, KEY.year, KEY.month, ...FIELD_COLUMNS.map((f) => f.column)];

/** The letters of a 0-based column index, A, B, … Z, AA. */
const letters = (index: number): string => {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
};

/** The decimal digits of a cell: an xlsx number by its shortest spelling, text as written (thousands commas allowed). */
const decimalOf = (cell: RawCell): string | null => {
  if (cell.kind === 'number') {
    if (!Number.isFinite(cell.value)) return null;
    const s = String(cell.value);
    // 1e-7 or 1e21: not a figure anyone typed.
    return /e/i.test(s) ? null : s;
  }
  if (cell.kind === 'text') {
    const t = cell.text.replace(/^\+/, '');
    if (/^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(t)) return t.replace(/,/g, '');
    return t;
  }
  return null;
};

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;
/** 万元 to fen: 1万元 = 1,000,000 fen, so six decimals are exact to the fen. */
const FEN_PER_WAN = 1_000_000n;
const MAX_WAN_DIGITS = 9;

/** A 万元 amount as integer fen, exactly (string arithmetic, no float), or what to fix. */
export const wanToFen = (cell: RawCell): { fen: number } | { problem: string } => {
  if (cell.kind === 'empty') return { problem: '请填写金额（万元），没有发生额的填0' };
  const digits = decimalOf(cell);
  const m = digits === null ? null : DECIMAL.exec(digits);
  if (!m)
    return {
      problem: `“${cell.kind === 'text' ? cell.text : String(cell.value)}”不是数字，请填写以万元为单位的金额，例如1234.56`,
    };
  const [, sign, whole = '0', fraction = ''] = m;
  if (sign === '-') return { problem: '金额不能为负数' };
  if (fraction.length > 6)
    return { problem: `小数位过多：单位为万元，最多6位小数（精确到分），现有${fraction.length}位` };
  const wholeDigits = whole.replace(/^0+(?=\d)/, '');
  if (wholeDigits.length > MAX_WAN_DIGITS)
    return { problem: '金额过大：最多999999999.999999万元，请检查单位是否为万元' };
  return { fen: Number(BigInt(wholeDigits) * FEN_PER_WAN + BigInt(fraction.padEnd(6, '0'))) };
};

/** A count (shops) as a non-negative integer, or what to fix. */
export const countOf = (cell: RawCell): { count: number } | { problem: string } => {
  if (cell.kind === 'empty') return { problem: '请填写数量（家），没有的填0' };
  const digits = decimalOf(cell);
  const m = digits === null ? null : DECIMAL.exec(digits);
  if (!m)
    return {
      problem: `“${cell.kind === 'text' ? cell.text : String(cell.value)}”不是整数，请填写店铺数量（家），例如25`,
    };
  const [, sign, whole = '0', fraction = ''] = m;
  if (sign === '-') return { problem: '数量不能为负数' };
  if (/[1-9]/.test(fraction)) return { problem: '数量必须是整数（家），不能有小数' };
  const n = Number(whole);
  if (!Number.isSafeInteger(n) || n > 1_000_000_000) return { problem: '数量过大，请检查' };
  return { count: n };
};

const COUNTY_BY_TEXT: ReadonlyMap<string, CountyId> = new Map(
  COUNTIES.flatMap((c) => [[c.name, c.id] as const, ...(c.divisionCode ? [[c.divisionCode, c.id] as const] : [])]),
);

const countyOf = (cell: RawCell): CountyId | null => {
  const text = cell.kind === 'number' ? String(cell.value) : cell.kind === 'text' ? cell.text.replace(/\s+/g, '') : '';
  return COUNTY_BY_TEXT.get(text) ?? null;
};

const integerOf = (cell: RawCell): number | null => {
  const digits = decimalOf(cell);
  return digits !== null && /^\d{1,4}$/.test(digits) ? Number(digits) : null;
};

/** Who may import what, and what "today" is: a county reviewer their own county only; no month after today's. */
export interface ImportScope {
  /** The one county the caller may import; null for any. */
  county: CountyId | null;
  today: { year: number; month: number };
}

/**
 * The months of a sheet, every problem at once: the header (each column by name, in any order;
 * an unknown, missing, duplicated or merged header cell is a problem naming it), then every row's
 * every cell (county by Chinese name or division code, year, month, each figure), the caller's
 * county, no month after today's, no county-month twice. Returns the months only when there is
 * no problem at all; otherwise throws every problem (ImportRefusal).
 */
export const readMonths = (sheet: RawSheet, scope: ImportScope): MonthlyFigures[] => {
  const problems: ImportProblem[] = [];
  // The header.
  const columnOf = new Map<string, number>();
  let lastHeader = sheet.header.length - 1;
  while (lastHeader >= 0 && sheet.header[lastHeader]?.kind === 'empty') lastHeader--;
  if (lastHeader + 1 > IMPORT_LIMITS.columns)
    throw new ImportRefusal([fileProblem(`列数过多：导入表共${KNOWN_COLUMNS.length}列，请删除多余的列`)]);
  for (const c of sheet.mergedHeaderColumns) {
    const cell = sheet.header[c];
    const name =
      cell && cell.kind !== 'empty'
        ? normaliseHeader(cell.kind === 'text' ? cell.text : String(cell.value))
        : `${letters(c)}列`;
    problems.push(headerProblem(name, `${letters(c)}1 是合并单元格：表头只能有一行，每列一个名称，请取消合并`));
  }
  const merged = new Set(sheet.mergedHeaderColumns);
  for (let c = 0; c <= lastHeader; c++) {
    const cell = sheet.header[c] ?? EMPTY;
    if (merged.has(c)) continue;
    if (cell.kind === 'empty') {
      problems.push(headerProblem(`${letters(c)}列`, `${letters(c)}1 没有列名：请填写列名或删除该列`));
      continue;
    }
    const name = normaliseHeader(cell.kind === 'text' ? cell.text : String(cell.value));
    if (!KNOWN_COLUMNS.includes(name)) {
      problems.push(headerProblem(name, `不认识的列（${letters(c)}列），可用的列：${KNOWN_COLUMNS.join('、')}`));
      continue;
    }
    if (columnOf.has(name)) {
      problems.push(
        headerProblem(
          name,
          `重复的列：${letters(columnOf.get(name) ?? 0)}列和${letters(c)}列都是“${name}”，请删除其一`,
        ),
      );
      continue;
    }
    columnOf.set(name, c);
  }
  for (const name of KNOWN_COLUMNS)
    if (!columnOf.has(name) && !problems.some((p) => p.column === name))
      problems.push(headerProblem(name, `缺少这一列：请在表头加上“${name}”（可下载导入模板对照）`));
  if (problems.length > 0) throw new ImportRefusal(problems);

  if (sheet.rows.length === 0) throw new ImportRefusal([fileProblem('文件只有表头，没有数据行')]);
  if (sheet.rows.length > IMPORT_LIMITS.rows)
    throw new ImportRefusal([
      fileProblem(`行数过多：一次最多导入${IMPORT_LIMITS.rows}行数据，现有${sheet.rows.length}行，请分开导入`),
    ]);

  const at = (cells: RawCell[], name: string): RawCell => cells[columnOf.get(name) ?? -1] ?? EMPTY;
  const months: MonthlyFigures[] = [];
  const seen = new Map<string, number>();
  for (const { row, cells } of sheet.rows) {
    // Data beyond the named columns.
    for (let c = lastHeader + 1; c < cells.length; c++)
      if (cells[c]?.kind !== 'empty')
        problems.push(cellProblem(row, `${letters(c)}列`, '该列没有表头，请删除该单元格的内容或补上列名'));
    const countyCell = at(cells, KEY.county);
    const county = countyOf(countyCell);
    if (county === null)
      problems.push(
        cellProblem(
          row,
          KEY.county,
          countyCell.kind === 'empty'
            ? '请填写县（市、区）名称或行政区划代码'
            : `“${countyCell.kind === 'text' ? countyCell.text : String(countyCell.value)}”不是聊城市的县（市、区），请填写名称（如临清市）或行政区划代码（如371581）`,
        ),
      );
    else if (scope.county !== null && county !== scope.county)
      problems.push(cellProblem(row, KEY.county, '县级审核员只能导入本县（市、区）的数据，请删除其他县（市、区）的行'));
    const year = integerOf(at(cells, KEY.year));
    if (year === null || year < YEARS.min || year > YEARS.max)
      problems.push(cellProblem(row, KEY.year, '请填写四位年份，例如2026'));
    const month = integerOf(at(cells, KEY.month));
    if (month === null || month < 1 || month > 12) problems.push(cellProblem(row, KEY.month, '请填写1到12之间的月份'));
    const keyOk =
      year !== null && year >= YEARS.min && year <= YEARS.max && month !== null && month >= 1 && month <= 12;
    if (keyOk && (year > scope.today.year || (year === scope.today.year && month > scope.today.month)))
      problems.push(
        cellProblem(
          row,
          KEY.month,
          `${year}年${month}月尚未到来，只能填报${scope.today.year}年${scope.today.month}月及以前的数据`,
        ),
      );
    const values: Partial<Record<MonthlyFiguresField, number>> = {};
    for (const f of FIELD_COLUMNS) {
      const read = f.unit === 'fen' ? wanToFen(at(cells, f.column)) : countOf(at(cells, f.column));
      if ('problem' in read) problems.push(cellProblem(row, f.column, read.problem));
      else values[f.field] = 'fen' in read ? read.fen : read.count;
    }
    if (county !== null && keyOk) {
      const key = `${county}:${year}:${month}`;
      const first = seen.get(key);
      if (first !== undefined)
        problems.push(cellProblem(row, KEY.month, `与第${first}行重复：同一县（市、区）同一月份只能有一行`));
      else seen.set(key, row);
    }
    if (county !== null && keyOk && FIELD_COLUMNS.every((f) => values[f.field] !== undefined))
      months.push({ county, year, month, ...(values as Record<MonthlyFiguresField, number>) });
  }
  if (problems.length > 0) throw new ImportRefusal(problems);
  return months;
};
