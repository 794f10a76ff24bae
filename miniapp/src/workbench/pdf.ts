// pdf.js for the workbench's viewer (H5 only). The library is not bundled: the H5 build copies
// pdfjs-dist's own ES modules to /vendor/pdfjs/ (miniapp/config/index.ts) and the page loads them
// when a PDF is first shown, from this origin, so the page's content security policy stays
// `script-src 'self'`. Only the few calls the viewer makes are typed here, which also lets the
// component tests hand the viewer a fake document (jsdom has no canvas to draw on).

export const PDFJS_URL = '/vendor/pdfjs/pdf.min.mjs';
export const PDFJS_WORKER_URL = '/vendor/pdfjs/pdf.worker.min.mjs';

export interface PdfViewport {
  width: number;
  height: number;
}

export interface PdfRenderTask {
  promise: Promise<void>;
  cancel(): void;
}

export interface PdfPage {
  getViewport(options: { scale: number }): PdfViewport;
  render(options: {
    canvas: HTMLCanvasElement;
    canvasContext: CanvasRenderingContext2D;
    viewport: PdfViewport;
  }): PdfRenderTask;
}

export interface PdfDocument {
  numPages: number;
  getPage(pageNumber: number): Promise<PdfPage>;
  destroy(): Promise<void>;
}

/** Opens the PDF at `url` (same origin: a signed file link). */
export type PdfLoader = (url: string) => Promise<PdfDocument>;

interface PdfJsModule {
  GlobalWorkerOptions: { workerSrc: string };
  getDocument(options: { url: string; isEvalSupported: boolean }): { promise: Promise<PdfDocument> };
}

let module: Promise<PdfJsModule> | null = null;

const pdfjs = (): Promise<PdfJsModule> => {
  module ??= (import(/* webpackIgnore: true */ PDFJS_URL) as Promise<PdfJsModule>).then((lib) => {
    lib.GlobalWorkerOptions.workerSrc = PDFJS_WORKER_URL;
    return lib;
  });
  // A failed load (offline) is tried again next time.
  module.catch(() => (module = null));
  return module;
};

/**
 * The real loader. `isEvalSupported: false`: pdf.js then draws PostScript functions without
 * `new Function`, which the page's policy (no 'unsafe-eval') would refuse.
 */
export const loadPdfJs: PdfLoader = async (url) => (await pdfjs()).getDocument({ url, isEvalSupported: false }).promise;
