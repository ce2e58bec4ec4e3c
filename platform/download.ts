/**
 * Offers text as a file download from an extension page, through a hidden link (no "downloads" permission needed).
 * The link stays in the page, marked `data-testid="export-link"`, so end-to-end tests can read what was offered.
 */
export function offerDownload(text: string, type: string, name: string): void {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([text], { type }));
  link.download = name;
  link.dataset.testid = 'export-link';
  link.hidden = true;
  document.body.append(link);
  link.click();
}
