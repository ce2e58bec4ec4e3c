/**
 * The popup's and options page's way to the Check documents page, and, when the current tab shows a PDF (which
 * content scripts cannot read in the browser's viewer), "Check this PDF".
 */
interface DocumentsLinkProps {
  /** The tab's address when it looks like a PDF, else null. */
  pdfUrl: string | null;
  onOpen(pdfUrl?: string): void;
}

/** Whether an address names a PDF file (the viewer shows it at its own address in Chrome and Firefox). */
export function looksLikePdf(url: string | undefined): boolean {
  if (!url || !/^https?:/.test(url)) return false;
  try {
    return /\.pdf$/i.test(new URL(url).pathname);
  } catch {
    return false;
  }
}

export function DocumentsLink({ pdfUrl, onOpen }: DocumentsLinkProps) {
  return (
    <nav class="documents-link" aria-label="Documents">
      {pdfUrl ? (
        <button type="button" data-testid="check-this-pdf" onClick={() => onOpen(pdfUrl)}>
          Check this PDF
        </button>
      ) : null}{' '}
      <button type="button" class="link" data-testid="check-documents" onClick={() => onOpen()}>
        Check documents…
      </button>
    </nav>
  );
}

/** The Check documents page's address, with the PDF to offer when there is one. */
export const documentsPagePath = (pdfUrl?: string) =>
  `/check-documents.html${pdfUrl ? `?url=${encodeURIComponent(pdfUrl)}` : ''}` as const;
