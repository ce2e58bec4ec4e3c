/**
 * English verdict and status labels (the CLI, exports and problem reports). Apart from warning-view.ts, which the
 * content script loads, so the page carries no English messages: it renders with the browser's i18n (issue 17).
 */
import type { Finding } from '../engine/index';
import { renderText } from '../i18n/english';
import type { MeasureStatus } from '../watchlist/schema';
import { STATUS_KEYS, VERDICT_KEYS } from './warning-view';

export const VERDICT_LABELS = Object.fromEntries(
  Object.entries(VERDICT_KEYS).map(([verdict, key]) => [verdict, renderText({ key })]),
) as Record<Finding['verdict'], string>;

export const STATUS_LABELS = Object.fromEntries(
  Object.entries(STATUS_KEYS).map(([status, key]) => [status, renderText({ key })]),
) as Record<MeasureStatus, string>;
