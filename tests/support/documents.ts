/**
 * Generators for real, small office documents, written during the test run: PDF (a minimal but valid PDF 1.4
 * writer with the standard Helvetica font), Word .docx, Excel .xlsx, PowerPoint .pptx, OpenDocument .odt/.ods/.odp
 * and ZIP packs (with fflate). Each produces the same parts the real applications write, so the readers in
 * lib/documents are tested on the structure they meet in the wild, not on a mock. Also the hostile ones: zip bombs,
 * billion-laughs XML, encrypted and truncated files.
 */
import { strToU8, type Zippable, zipSync } from 'fflate';

const escapeXml = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

// ---------------------------------------------------------------------------------------------------------- PDF

/** One run of text on a page, at (x, y) in points from the bottom left. */
export interface PdfText {
  x: number;
  y: number;
  text: string;
  size?: number;
}

export interface PdfOptions {
  /** Pages with no text, only a drawn image (a scan). */
  imageOnly?: boolean;
  /**
   * Draws every run in a Chinese font that is not embedded, with this predefined CMap as its encoding, the way
   * Taiwanese and Chinese office software writes PDFs that rely on the reader's MingLiU or SimSun: UniCNS-UCS2-H
   * (Traditional Chinese, two-byte UCS-2 codes), ETen-B5-H (Traditional Chinese, Big5 codes) or UniGB-UCS2-H
   * (Simplified Chinese). pdf.js can only read such text with its packed CMaps.
   */
  cjk?: 'UniCNS-UCS2-H' | 'ETen-B5-H' | 'UniGB-UCS2-H';
  /** Annotations on the first page: filled-in text fields (name, value) and sticky-note comments. */
  fields?: Array<[string, string]>;
  comments?: string[];
  /** Adds a standard-security-handler /Encrypt dictionary whose user password is not empty. */
  encrypted?: boolean;
}

/** Unicode punctuation that WinAnsiEncoding has, at its code (the rest of Latin-1 maps to itself). */
const WIN_ANSI: Record<string, number> = {
  '€': 0x80,
  '‘': 0x91,
  '’': 0x92,
  '“': 0x93,
  '”': 0x94,
  '•': 0x95,
  '–': 0x96,
  '—': 0x97,
  '…': 0x85,
};

/** PDF string literal in WinAnsi (characters it lacks become "?"), with (, ) and \ escaped. */
const pdfString = (text: string) =>
  `(${[...text]
    .map((c) => (WIN_ANSI[c] ? String.fromCharCode(WIN_ANSI[c]) : c.charCodeAt(0) < 256 ? c : '?'))
    .join('')
    .replace(/[\\()]/g, (c) => `\\${c}`)})`;

let big5: Map<string, number> | null = null;
/** Big5 codes of characters, from the platform's Big5 decoder (there is no Big5 encoder), one lead byte at a time. */
function big5Code(char: string): number {
  if (!big5) {
    big5 = new Map();
    const trails = [
      ...Array.from({ length: 63 }, (_, i) => 0x40 + i),
      ...Array.from({ length: 94 }, (_, i) => 0xa1 + i),
    ];
    const decoder = new TextDecoder('big5');
    for (let lead = 0xa1; lead <= 0xf9; lead++) {
      const chars = [...decoder.decode(Uint8Array.from(trails.flatMap((trail) => [lead, trail])))];
      if (chars.length !== trails.length) continue; // a pair that decodes to two characters: skip the row
      chars.forEach((c, i) => {
        if (c !== '\ufffd' && !big5!.has(c)) big5!.set(c, (lead << 8) | trails[i]!);
      });
    }
  }
  const code = char.charCodeAt(0) < 0x80 ? char.charCodeAt(0) : big5.get(char);
  if (code === undefined) throw new Error(`no Big5 code for ${char}`);
  return code;
}

/** A run's text as a hex string in the CJK encoding (see PdfOptions.cjk). */
function cjkString(text: string, encoding: NonNullable<PdfOptions['cjk']>): string {
  const hex = (code: number, bytes: number) => code.toString(16).padStart(bytes * 2, '0');
  const codes = [...text].map((c) =>
    encoding === 'ETen-B5-H' ? hex(big5Code(c), c.charCodeAt(0) < 0x80 ? 1 : 2) : hex(c.charCodeAt(0), 2),
  );
  return `<${codes.join('')}>`;
}

/** A PDF whose pages hold the given text runs. */
export function makePdf(pages: PdfText[][], options: PdfOptions = {}): Uint8Array {
  const objects: string[] = [];
  const add = (body: string) => objects.push(body) - 1 + 1; // object numbers start at 1
  const catalog = add('');
  const pagesObject = add('');
  let font: number;
  if (options.cjk) {
    const ordering = options.cjk === 'UniGB-UCS2-H' ? 'GB1' : 'CNS1';
    const name = ordering === 'GB1' ? 'SimSun' : 'MingLiU';
    const descriptor = add(
      `<< /Type /FontDescriptor /FontName /${name} /Flags 6 /FontBBox [0 -200 1000 800] /ItalicAngle 0 /Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 >>`,
    );
    const cidFont = add(
      `<< /Type /Font /Subtype /CIDFontType2 /BaseFont /${name} /CIDSystemInfo << /Registry (Adobe) /Ordering (${ordering}) /Supplement 0 >> /FontDescriptor ${descriptor} 0 R /DW 1000 >>`,
    );
    font = add(
      `<< /Type /Font /Subtype /Type0 /BaseFont /${name} /Encoding /${options.cjk} /DescendantFonts [${cidFont} 0 R] >>`,
    );
  } else font = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  const text = (run: PdfText) => (options.cjk ? cjkString(run.text, options.cjk) : pdfString(run.text));
  const image = options.imageOnly
    ? add(
        '<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 4 >>\nstream\n\u0000\u00ff\u00ff\u0000\nendstream',
      )
    : 0;
  const kids: number[] = [];
  const fields = (options.fields ?? []).map(([name, value]) =>
    add(
      `<< /Type /Annot /Subtype /Widget /FT /Tx /T ${pdfString(name)} /V ${pdfString(value)} /Rect [50 50 300 70] >>`,
    ),
  );
  const comments = (options.comments ?? []).map((text) =>
    add(`<< /Type /Annot /Subtype /Text /Contents ${pdfString(text)} /Rect [400 700 420 720] >>`),
  );
  const annotations = [...fields, ...comments];
  for (const runs of pages) {
    const content = options.imageOnly
      ? 'q 500 0 0 700 50 50 cm /Im1 Do Q'
      : runs.map((run) => `BT /F1 ${run.size ?? 11} Tf ${run.x} ${run.y} Td ${text(run)} Tj ET`).join('\n');
    const stream = add(`<< /Length ${content.length} >>\nstream\n${content}\nendstream`);
    const resources = options.imageOnly ? `/XObject << /Im1 ${image} 0 R >>` : `/Font << /F1 ${font} 0 R >>`;
    kids.push(
      add(
        `<< /Type /Page /Parent ${pagesObject} 0 R /MediaBox [0 0 595 842] /Resources << ${resources} >> /Contents ${stream} 0 R${kids.length === 0 && annotations.length ? ` /Annots [${annotations.map((a) => `${a} 0 R`).join(' ')}]` : ''} >>`,
      ),
    );
  }
  const form = fields.length ? ` /AcroForm << /Fields [${fields.map((f) => `${f} 0 R`).join(' ')}] >>` : '';
  objects[catalog - 1] = `<< /Type /Catalog /Pages ${pagesObject} 0 R${form} >>`;
  objects[pagesObject - 1] =
    `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`;
  const encrypt = options.encrypted
    ? add(`<< /Filter /Standard /V 1 /R 2 /O <${'a5'.repeat(32)}> /U <${'5a'.repeat(32)}> /P -44 >>`)
    : 0;
  let out = '%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n';
  const offsets: number[] = [];
  objects.forEach((body, index) => {
    offsets.push(out.length);
    out += `${index + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) out += `${String(offset).padStart(10, '0')} 00000 n \n`;
  const id = '<0123456789abcdef0123456789abcdef>';
  out += `trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R${encrypt ? ` /Encrypt ${encrypt} 0 R /ID [${id} ${id}]` : ''} >>\nstartxref\n${xref}\n%%EOF\n`;
  // Latin-1: one byte per character, as the offsets above count them.
  return Uint8Array.from(out, (c) => c.charCodeAt(0) & 0xff);
}

/**
 * Lays out blocks of text the way a word processor prints them: each paragraph wrapped at `width` characters, lines
 * 14 pt apart, paragraphs 24 pt apart, and table rows (arrays) as cells in columns on one line.
 */
export function layoutPdf(blocks: Array<string | string[]>, width = 90): Uint8Array {
  const pages: PdfText[][] = [[]];
  let y = 800;
  const line = (runs: PdfText[]) => {
    if (y < 60) {
      pages.push([]);
      y = 800;
    }
    pages.at(-1)!.push(...runs.map((run) => ({ ...run, y })));
    y -= 14;
  };
  for (const block of blocks) {
    if (Array.isArray(block)) {
      line(block.map((cell, column) => ({ x: 50 + column * 160, y: 0, text: cell, size: 10 })));
    } else {
      const words = block.split(' ');
      let current = '';
      for (const word of words) {
        if (current && current.length + word.length + 1 > width) {
          line([{ x: 50, y: 0, text: current }]);
          current = word;
        } else current = current ? `${current} ${word}` : word;
      }
      if (current) line([{ x: 50, y: 0, text: current }]);
    }
    y -= 10;
  }
  return makePdf(pages);
}

// ---------------------------------------------------------------------------------------------------- Office XML

const CONTENT_TYPES = (overrides: string) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>${overrides}</Types>`;
const ROOT_RELS = (target: string) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="${target}"/></Relationships>`;

const zip = (files: Record<string, string | Uint8Array>) => {
  const entries: Zippable = {};
  for (const [name, content] of Object.entries(files))
    entries[name] = typeof content === 'string' ? strToU8(content) : content;
  return zipSync(entries, { level: 6 });
};

const wRun = (text: string) => `<w:r><w:t xml:space="preserve">${escapeXml(text)}</w:t></w:r>`;
/** Splits a paragraph into runs at word boundaries, as Word does after edits ("Hik" + "vision" in two runs). */
const wParagraph = (text: string) => {
  const middle = Math.floor(text.length / 2);
  return `<w:p><w:pPr><w:pStyle w:val="Normal"/></w:pPr>${wRun(text.slice(0, middle))}${wRun(text.slice(middle))}</w:p>`;
};

/** A Word document: strings are paragraphs, arrays of arrays are tables (first row the header). */
export function makeDocx(body: Array<string | string[][]>, extra: { bodyXml?: string; doctype?: string } = {}) {
  const parts = body.map((item) =>
    typeof item === 'string'
      ? wParagraph(item)
      : `<w:tbl>${item.map((row) => `<w:tr>${row.map((cell) => `<w:tc><w:p>${wRun(cell)}</w:p></w:tc>`).join('')}</w:tr>`).join('')}</w:tbl>`,
  );
  const document = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>${extra.doctype ?? ''}<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${parts.join('')}${extra.bodyXml ?? ''}<w:sectPr/></w:body></w:document>`;
  return zip({
    '[Content_Types].xml': CONTENT_TYPES(
      '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>',
    ),
    '_rels/.rels': ROOT_RELS('word/document.xml'),
    'word/document.xml': document,
  });
}

const columnName = (index: number) => {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
};

/** An Excel workbook: sheet name -> rows of cells (strings go to the shared string table, numbers stay numbers). */
export function makeXlsx(sheets: Record<string, Array<Array<string | number>>>) {
  const shared: string[] = [];
  const index = new Map<string, number>();
  const sharedIndex = (text: string) => {
    if (!index.has(text)) index.set(text, shared.push(text) - 1);
    return index.get(text)!;
  };
  const files: Record<string, string> = {};
  const names = Object.keys(sheets);
  names.forEach((name, sheet) => {
    const rows = sheets[name]!.map(
      (row, r) =>
        `<row r="${r + 1}">${row
          .map((cell, c) =>
            cell === ''
              ? ''
              : typeof cell === 'number'
                ? `<c r="${columnName(c)}${r + 1}"><v>${cell}</v></c>`
                : `<c r="${columnName(c)}${r + 1}" t="s"><v>${sharedIndex(cell)}</v></c>`,
          )
          .join('')}</row>`,
    );
    files[`xl/worksheets/sheet${sheet + 1}.xml`] =
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows.join('')}</sheetData></worksheet>`;
  });
  files['xl/workbook.xml'] =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${names.map((name, i) => `<sheet name="${escapeXml(name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`;
  files['xl/_rels/workbook.xml.rels'] =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${names.map((_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('')}<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`;
  files['xl/sharedStrings.xml'] =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${shared.length}" uniqueCount="${shared.length}">${shared.map((s) => `<si><t xml:space="preserve">${escapeXml(s)}</t></si>`).join('')}</sst>`;
  files['[Content_Types].xml'] = CONTENT_TYPES(
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>',
  );
  files['_rels/.rels'] = ROOT_RELS('xl/workbook.xml');
  return zip(files);
}

/** A PowerPoint deck: each slide a list of text boxes. */
export function makePptx(slides: string[][]) {
  const files: Record<string, string> = {};
  slides.forEach((boxes, i) => {
    files[`ppt/slides/slide${i + 1}.xml`] =
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><p:sld xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"><p:cSld><p:spTree>${boxes.map((text) => `<p:sp><p:txBody><a:bodyPr/><a:p><a:r><a:t>${escapeXml(text)}</a:t></a:r></a:p></p:txBody></p:sp>`).join('')}</p:spTree></p:cSld></p:sld>`;
  });
  files['ppt/presentation.xml'] =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><p:presentation xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><p:sldIdLst>${slides.map((_, i) => `<p:sldId id="${256 + i}" r:id="rId${i + 1}"/>`).join('')}</p:sldIdLst></p:presentation>`;
  files['ppt/_rels/presentation.xml.rels'] =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${slides.map((_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/slide" Target="slides/slide${i + 1}.xml"/>`).join('')}</Relationships>`;
  files['[Content_Types].xml'] = CONTENT_TYPES(
    '<Override PartName="/ppt/presentation.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"/>',
  );
  files['_rels/.rels'] = ROOT_RELS('ppt/presentation.xml');
  return zip(files);
}

// ----------------------------------------------------------------------------------------------------- OpenDocument

const ODF_NS =
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"';

/** OpenDocument packages start with an uncompressed `mimetype` entry, then content.xml. */
function odf(mimetype: string, body: string) {
  const content = `<?xml version="1.0" encoding="UTF-8"?><office:document-content ${ODF_NS} office:version="1.3"><office:body>${body}</office:body></office:document-content>`;
  return zipSync(
    {
      mimetype: [strToU8(mimetype), { level: 0 }],
      'content.xml': strToU8(content),
      'META-INF/manifest.xml': strToU8(
        `<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="${mimetype}"/></manifest:manifest>`,
      ),
    },
    { level: 6 },
  );
}

const odfCell = (cell: string | number) =>
  typeof cell === 'number'
    ? `<table:table-cell office:value-type="float" office:value="${cell}"><text:p>${cell}</text:p></table:table-cell>`
    : `<table:table-cell office:value-type="string"><text:p>${escapeXml(cell)}</text:p></table:table-cell>`;

export function makeOdt(body: Array<string | string[][]>) {
  const parts = body.map((item) =>
    typeof item === 'string'
      ? `<text:p>${escapeXml(item).replace(/ {2}/g, ' <text:s/>')}</text:p>`
      : `<table:table table:name="Table1">${item.map((row) => `<table:table-row>${row.map(odfCell).join('')}</table:table-row>`).join('')}</table:table>`,
  );
  return odf('application/vnd.oasis.opendocument.text', `<office:text>${parts.join('')}</office:text>`);
}

/** A spreadsheet; `repeatEmptyRows` adds the million-row empty tail LibreOffice writes as one repeated row. */
export function makeOds(sheets: Record<string, Array<Array<string | number>>>, repeatEmptyRows = 0) {
  const tables = Object.entries(sheets).map(
    ([name, rows]) =>
      `<table:table table:name="${escapeXml(name)}">${rows.map((row) => `<table:table-row>${row.map(odfCell).join('')}</table:table-row>`).join('')}${repeatEmptyRows ? `<table:table-row table:number-rows-repeated="${repeatEmptyRows}"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>` : ''}</table:table>`,
  );
  return odf(
    'application/vnd.oasis.opendocument.spreadsheet',
    `<office:spreadsheet>${tables.join('')}</office:spreadsheet>`,
  );
}

export function makeOdp(slides: string[][]) {
  const pages = slides.map(
    (boxes, i) =>
      `<draw:page draw:name="page${i + 1}">${boxes.map((text) => `<draw:frame><draw:text-box><text:p>${escapeXml(text)}</text:p></draw:text-box></draw:frame>`).join('')}</draw:page>`,
  );
  return odf(
    'application/vnd.oasis.opendocument.presentation',
    `<office:presentation>${pages.join('')}</office:presentation>`,
  );
}

// --------------------------------------------------------------------------------------------------------- ZIP

/** A ZIP pack: path inside the pack -> bytes or text. */
export const makeZip = (files: Record<string, string | Uint8Array>) => zip(files);

/** A ZIP whose one entry inflates to `megabytes` MB of zeros (about 1,000:1). */
export function makeZipBomb(megabytes: number, name = 'bomb.txt') {
  return zipSync({ [name]: new Uint8Array(megabytes * 1024 * 1024) }, { level: 9 });
}

/** Sets the "encrypted" flag on every entry of a ZIP (local and central headers), as a password-protected pack has. */
export function markZipEncrypted(bytes: Uint8Array): Uint8Array {
  const out = bytes.slice();
  const view = new DataView(out.buffer);
  for (let i = 0; i + 4 <= out.length; i++) {
    const signature = view.getUint32(i, true);
    if (signature === 0x04034b50) view.setUint16(i + 6, view.getUint16(i + 6, true) | 1, true);
    if (signature === 0x02014b50) view.setUint16(i + 8, view.getUint16(i + 8, true) | 1, true);
  }
  return out;
}

/** The classic billion-laughs document: entities that expand to 10^9 "lol"s if a parser expands them. */
export const BILLION_LAUGHS_DOCTYPE = `<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;"><!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;"><!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;"><!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;"><!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;"><!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>`;

/** An OLE compound file header (legacy .doc/.xls, and password-protected .docx/.xlsx, which Office wraps in one). */
export function makeCompoundFile(encryptedPackage = false): Uint8Array {
  const bytes = new Uint8Array(1536);
  bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], 0);
  if (encryptedPackage) {
    const name = 'EncryptedPackage';
    for (let i = 0; i < name.length; i++) bytes[1024 + i * 2] = name.charCodeAt(i);
  }
  return bytes;
}
