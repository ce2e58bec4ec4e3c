/**
 * Styles for the inline warning's shadow root. The warning brings its own background and text colours, so its
 * contrast does not depend on the page (light or dark). Sizes are in px because `rem` follows the page's root.
 */
export const WARNING_CSS = `
/*
 * Collapsed, the warning must not change the height of the line it sits in: on a long results page, a line that
 * grows moves every card below it, and the browser then repaints the whole page (measured: ~5x the cost of the
 * warnings themselves). So the host and wrapper are inline boxes of zero line height, and the pill is shorter than
 * any line of body text, with a little negative margin to spare. The pill wraps inside its container (a narrow
 * product tile) rather than widen it. The opened card floats above the page (top layer, fixed position; see
 * popover.ts), so opening it changes nothing in the page's layout.
 */
:host { all: initial; display: inline; line-height: 0; margin: 0 4px; }
/* The host's "all: initial" resets inherited fonts, so the wrapper sets them. */
.vw { display: inline; text-align: left; font: 13px/1.35 system-ui, -apple-system, "Segoe UI", Roboto,
  "Noto Sans", "PingFang SC", "Microsoft YaHei", sans-serif; line-height: 0; color: #1a1a1a; }
.more { all: unset; cursor: pointer; color: #0b4fb3; text-decoration: underline; font-size: 12px; margin: 4px 0; display: inline-block; }
.pill { all: unset; box-sizing: border-box; display: inline-flex; align-items: center; gap: 4px; cursor: pointer;
  padding: 0 7px; margin: -2px 0; vertical-align: middle; border-radius: 8px; border: 1px solid #7a2e00;
  background: #ffe08a; color: #1a1a1a; font: 600 12px/14px system-ui, sans-serif; white-space: normal;
  max-width: 100%; overflow-wrap: anywhere; }
.pill-text { min-width: 0; }
.review .pill { border-style: dashed; background: #e8eefc; border-color: #1d3f8f; }
/* None of the measures is in a jurisdiction the user chose: still words and an icon, but quiet. */
.quiet .pill { background: #eeeeee; border-color: #666; font-weight: 400; }
.quiet .card { border-left-color: #666; }
.pill:focus-visible, .card button:focus-visible, .card a:focus-visible, .more:focus-visible { outline: 3px solid #0b57d0; outline-offset: 2px; }
.icon { font-size: 12px; }
.card { display: block; box-sizing: border-box; position: fixed; inset: auto; top: 0; left: 0; margin: 0;
  z-index: 2147483647; overflow: auto; padding: 10px 12px; width: 420px; max-width: calc(100vw - 16px);
  line-height: 1.35; white-space: normal; text-align: left; background: #ffffff; color: #1a1a1a; border: 1px solid #555;
  border-left: 5px solid #b3261e; border-radius: 6px; box-shadow: 0 2px 8px rgba(0,0,0,.25); }
.review .card { border-left-color: #1d3f8f; }
.verdict-line { margin: 0 0 6px; font-weight: 600; }
.own-reason { margin: 0 0 6px; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 8px; margin: 0 0 6px; }
.facts dt { font-weight: 600; color: #444; }
.facts dd { margin: 0; overflow-wrap: anywhere; }
.caveat { display: block; font-style: italic; }
.measures { list-style: none; margin: 0; padding: 0; }
.measure { border-top: 1px solid #ddd; padding: 6px 0; }
.measure-title { display: flex; flex-wrap: wrap; gap: 4px; align-items: baseline; }
.tag { font-size: 11px; padding: 0 4px; border: 1px solid #666; border-radius: 3px; color: #1a1a1a; }
.status-in-force { background: #fde2e1; }
.measure-meta { color: #444; font-size: 12px; }
.measure-scope, .measure-qualifier, .measure-basis { margin: 2px 0; }
.measure-qualifier, .measure-basis { font-style: italic; }
a { color: #0b4fb3; text-decoration: underline; }
.actions { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; border-top: 1px solid #ddd; padding-top: 6px; }
.actions button { all: unset; cursor: pointer; padding: 2px 8px; border: 1px solid #555; border-radius: 4px;
  background: #f3f3f3; color: #1a1a1a; font: 12px/18px system-ui, sans-serif; }
.version { margin-left: auto; color: #555; font-size: 11px; }
.dismiss-choices { border: 1px solid #999; border-radius: 4px; margin: 6px 0; padding: 4px 8px 8px; }
.dismiss-choices legend { font-weight: 600; padding: 0 4px; }
.dismiss-choices label { display: flex; flex-direction: column; gap: 2px; font-size: 12px; }
.dismiss-choices input { font: 13px/18px system-ui, sans-serif; padding: 2px 4px; border: 1px solid #555; border-radius: 3px;
  background: #fff; color: #1a1a1a; }
.choice-buttons { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 6px; }
.choice-buttons button, .dismissed .undo { all: unset; cursor: pointer; padding: 2px 8px; border: 1px solid #555;
  border-radius: 4px; background: #f3f3f3; color: #1a1a1a; font: 12px/18px system-ui, sans-serif; }
/* The dismissed state stays small and inline: it keeps the place of the warning so Undo is where the person looked. */
.dismissed { line-height: 0; }
.dismissed-text { font: italic 12px/14px system-ui, sans-serif; color: #333; background: #eeeeee; padding: 0 4px;
  border-radius: 4px; }
.dismissed .undo { padding: 0 6px; line-height: 14px; vertical-align: middle; margin: -2px 0; text-decoration: underline; }
.dismissed .undo:focus-visible, .dismiss-choices input:focus-visible { outline: 3px solid #0b57d0; outline-offset: 2px; }
[hidden] { display: none !important; }
@media (prefers-color-scheme: dark) {
  /* Only the three plain sides change colour: the left side is the accent stripe. */
  .card { background: #1f1f1f; color: #f1f1f1; border-top-color: #999; border-right-color: #999; border-bottom-color: #999; }
  .facts dt, .measure-meta, .version { color: #c8c8c8; }
  .tag { color: #f1f1f1; border-color: #aaa; }
  .status-in-force { background: #6b1d1a; }
  a, .more { color: #9ec1ff; }
  .actions button, .choice-buttons button { background: #333; color: #f1f1f1; border-color: #aaa; }
  .dismiss-choices input { background: #111; color: #f1f1f1; border-color: #aaa; }
  .dismissed .undo { background: #333; color: #f1f1f1; border-color: #aaa; }
  .measure, .actions { border-color: #444; }
}
`;
