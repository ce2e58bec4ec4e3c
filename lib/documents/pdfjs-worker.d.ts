/** pdf.js ships no types for its worker module; all the reader needs is that it loads (pdf.ts). */
declare module 'pdfjs-dist/legacy/build/pdf.worker.mjs' {
  export const WorkerMessageHandler: unknown;
}
