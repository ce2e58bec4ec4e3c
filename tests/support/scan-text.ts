/**
 * A decoded text document (HTML, text, CSV, JSON) scanned the way the CLI and the Check documents page do: its
 * blocks (lib/documents/index.ts) through scanBlocks, one row per finding.
 */
import { type DocumentFormat, documentBlocks } from '../../lib/documents/index';
import { type ScanRow, scanBlocks } from '../../lib/documents/scan';
import type { Engine } from '../../lib/engine/index';

export const scanText = (engine: Engine, file: string, format: DocumentFormat, content: string): ScanRow[] =>
  scanBlocks(engine, file, documentBlocks(format, content));
