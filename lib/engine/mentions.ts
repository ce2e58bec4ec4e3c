/**
 * Mentions: a vendor, brand or model named only as what a product is for ("Junction Box Compatible with Hikvision",
 * "PoE injector for Hikvision, Dahua", "Hikvision用 ブラケット", "适用于海康威视"). Such a listing sells somebody
 * else's accessory; it is still a finding (the page names the vendor), but with its own verdict, `mention`.
 *
 * A hit is a mention when
 * 1. a trigger stands before it, with at most list items and filler words between ("compatible with most Hikvision",
 *    "for Axis, Hanwha and Hikvision"): explicit phrases in the languages our users read (compatible with, works
 *    with, suitable for, kompatibel mit, passend für, compatible avec, compatible con, 兼容, 适用于, 適用於 ...), or
 *    a bare "for" (für, pour, para) after an accessory or device noun ("Junction box for", "camera for") or at the
 *    start of a clause ("For Hikvision DS-2CD2143 replacement lens"), never after a service word ("maintenance for
 *    Huawei equipment" is about the vendor's equipment itself, and stays a finding of the vendor);
 * 2. or a trailing trigger follows it and the model codes after it: "Hikvision compatible", "Hikvision/Dahua
 *    kompatibel", "Hikvision対応", "Hikvision用", "Huawei Nova HB405979ECW Replacement Battery", but not
 *    "Hikvision camera compatible with ONVIF" (then the vendor's product is what is compatible);
 * 3. or, for a name or brand, an accessory noun stands right before it and no model code right after it
 *    ("Waterproof junction box Hikvision Dahua"); "Junction box Hikvision DS-1280ZJ-XS" names the maker's own part.
 * A mention passes to the hits listed after it ("for Hikvision DS-2CD2143G2-I and Dahua"). A name that starts a
 * title and names the maker ("Hikvision DS-2CD2143G2-I dome camera with junction box") is not a mention: no trigger
 * stands before it. The maker's own accessories with codes of their own (Hikvision's DS-12xxZJ brackets and junction
 * boxes) are not decided here: their rule is marked `accessory`, and the engine makes the code and the name right
 * before it mentions ("Hikvision bracket DS-1272ZJ-110", "Junction box Hikvision DS-1280ZJ-XS"; index.ts).
 *
 * Runs only over the few hits a block has, on normalised text (lower case, whitespace collapsed), looking a bounded
 * number of words either side, so the engine's cost per character does not change.
 */

/** A hit as this module sees it: its span in normalised text, and whether it is a name (names take rule 3). */
interface MentionHit {
  start: number;
  end: number;
  /** A name, brand or misspelling (not a model code). */
  named: boolean;
}

/** Explicit triggers before a name, ending at the end of the text before it (a colon may follow: "Compatible with:"). */
const LEAD_TRIGGER = new RegExp(
  '(?:^|[^\\p{L}\\p{N}])(?:' +
    [
      // English
      'compatible (?:with|for|to)',
      'compatible(?: brands| models| devices| cameras| nvrs)?',
      'compatibility(?: with)?',
      'works? with',
      'working with',
      'fits?(?: for)?',
      'to fit',
      'suitable for',
      'suits',
      'replacement for',
      'replaces',
      'replacing',
      'adapter for',
      'adaptor for',
      '(?:designed|made|intended|built|specially|specifically|only) for',
      '(?:for )?use with',
      'used (?:with|for|on)',
      // German
      'kompatibel (?:mit|zu|für)',
      'kompatibel',
      'passend (?:für|zu|fur)',
      'passt (?:für|zu|auf)',
      'geeignet für',
      'ersatz für',
      'ersetzt',
      // French
      'compatibles? avec',
      'adaptée?s? (?:à|a|au|aux|pour)',
      'convient (?:à|a|au|aux|pour)',
      'remplacement (?:pour|de)',
      'remplace',
      'pour utilisation avec',
      // Spanish, Italian
      'compatibles? con',
      'compatibile con',
      'apto para',
      'adecuado para',
      'válido para',
      'valido para',
      'repuesto para',
      'reemplazo para',
      'sustituye',
      'adatto per',
    ].join('|') +
    ')\\s*:?\\s*$|(?:兼容|适用于|適用於|适用|適用|适配|適配|用于|用於|対応機種|対応)\\s*[:：]?\\s*$',
  'u',
);

/** A bare "for" at the end of the text before a name: it makes a mention after an accessory or device noun. */
const BARE_FOR = /(?:^|[^\p{L}\p{N}])(?:for|für|fur|pour|para)\s*:?\s*$/u;

/** Nouns of accessories (and of other makers' devices) that "for <vendor>" describes. */
const HEAD_NOUNS = new Set(
  [
    // English
    'box boxes backbox mount mounts mounting bracket brackets housing housings enclosure enclosures cable cables cord',
    'cords supply supplies psu adapter adapters adaptor adaptors injector injectors splitter splitters cover covers',
    'shield shields sunshield shade hood hoods case cases skin skins protector protectors film glass charger chargers',
    'battery batteries lens lenses stand stands pole arm arms connector connectors pigtail pigtails balun baluns remote',
    'antenna antennas aerial camera cameras cam cams recorder recorders monitor monitors kit kits part parts spare',
    'spares accessory accessories sticker stickers decal decals plate plates clip clips screws tool kabelbox junction',
    'replacement bubble dome domes transceiver transceivers extender extenders sfp filter filters pad pads guard guards',
    'propeller propellers control controller strap straps holder holders bag bags',
    // German
    'halterung halterungen wandhalterung deckenhalterung mastadapter gehäuse netzteil netzteile kabel akku akkus',
    'objektiv adapter abdeckung hülle schutzhülle anschlussdose abzweigdose kamera kameras ladegerät antenne zubehör',
    'ersatzteil ersatzteile',
    // French
    'support supports boîtier boitier câble câbles alimentation adaptateur batterie objectif housse coque protection',
    'caméra caméras chargeur antenne fixation accessoire accessoires jonction raccordement mural murale plafond',
    // Spanish, Italian
    'soporte soportes caja cable fuente adaptador batería bateria lente funda carcasa cámara cámaras camara camaras',
    'cargador antena accesorio accesorios pared techo supporto staffa custodia alimentatore',
  ]
    .join(' ')
    .split(' '),
);

/** Words before "for" that make it about the vendor's own equipment, not an accessory: stays a finding of the vendor. */
const SERVICE_NOUNS = new Set(
  'maintenance support service services repair repairs installation licence license licences licenses subscription warranty upgrade upgrades training wartung lizenz reparatur mantenimiento reparación licencia réparation licences'.split(
    ' ',
  ),
);

/** Words that may stand between a trigger and the name ("compatible with most IP cameras from Hikvision"). */
const FILLERS = new Set(
  [
    'the a an all most any many some select selected popular various other major leading original brands brand models',
    'model including incl e.g eg such as like series ip cctv security surveillance ptz dome turret bullet camera cameras',
    'nvr nvrs dvr dvrs recorders from by made of und von der die den alle meisten marken modelle les la le tous toutes',
    'marques modèles de du des los las todos todas marcas modelos caméra caméras cámara cámaras camara camaras kamera',
    'kameras dôme domo',
  ]
    .join(' ')
    .split(' '),
);

/** Words that join list items: "Hikvision and Dahua", "Hikvision oder Dahua". */
const CONJUNCTIONS = new Set('and or und oder et ou y o e & +'.split(' '));
/** Characters that join list items. */
const SEPARATOR = /^[,/&+、]$/u;

/** One token at the end of a text: a separator, or a word (letters, digits, and the joiners inside codes). */
const LAST_TOKEN = /(?:^|\s*)([,/&+、]|[\p{L}\p{N}][\p{L}\p{N}.'+-]*)\s*$/u;

/** How many tokens a walk from a name looks through: a list of a few makers, a few filler words. */
const MAX_TOKENS = 10;
/** How far back the text before a name is read for a trigger. */
const LOOKBACK = 48;

/**
 * A trailing trigger right after a name and the codes after it: "Hikvision compatible", "Hikvision用", "Hikvision
 *対応"; not "compatible with" (then the named product is what is compatible with something else).
 */
const COMPATIBLE_WORDS = [
  'compatible',
  'compatibles',
  'kompatibel',
  'kompatible',
  'kompatiblen',
  'kompatibler',
  'kompatibles',
  'compatibile',
];
const TRAIL_COMPATIBLE = new RegExp(
  String.raw`^\s*-?\s*(?:(?:${COMPATIBLE_WORDS.join('|')})(?![\p{L}\p{N}])(?!\s*(?:with|avec|con|mit|to|zu|for|für|à|a|per)(?![\p{L}\p{N}]))|対応|用(?![户戶途于於法品]))`,
  'u',
);
/** "Huawei Nova HB405979ECW Replacement Battery": a replacement part named after the product it fits. */
const REPLACEMENT_WORDS = ['replacement', 'ersatz', 'ersatz-', 'remplacement', 'repuesto', 'recambio'];
const TRAIL_REPLACEMENT = new RegExp(
  String.raw`^\s*(?:${REPLACEMENT_WORDS.join('|')}) ?(?:[\p{L}-]+ )?(?:battery|batteries|akku|batterie|batería|bateria|lens|lenses|objektiv|mount|bracket|housing|cover|case|charger|cable|parts?|screen|display|remote|antenna|bubble|dome)(?![\p{L}\p{N}])`,
  'u',
);
/**
 * "Huawei P30 Pro Case", "Xiaomi Redmi Note 12 Hülle", "OPPO Reno 8 tempered glass": a case or screen protector named
 * after the phone it fits, as marketplaces title third-party accessories.
 */
const CASE_WORDS = [
  'case',
  'cases',
  'cover',
  'covers',
  'hülle',
  'hüllen',
  'schutzhülle',
  'coque',
  'coques',
  'funda',
  'fundas',
  'carcasa',
  'custodia',
  'screen protector',
  'screen protectors',
  'tempered glass',
  'panzerglas',
  'schutzglas',
  'schutzfolie',
  'bumper',
];
const TRAIL_CASE = new RegExp(
  String.raw`^\s*(?:phone |handy)?(?:${CASE_WORDS.join('|')})(?![\p{L}\p{N}])(?!\s+(?:stud|letter|story))`,
  'u',
);
/** Words that end a walk to a trailing trigger: "Huawei P30 Pro with replacement battery" sells the phone. */
const STOP_WORDS = new Set(
  'with and or plus includes including incl inkl mit und oder avec et ou con y without free no new'.split(' '),
);
/** How many words other than codes and device words a replacement part's title may put before "replacement". */
const MAX_FREE_WORDS = 3;

/** Words that may stand between a name and a trailing trigger besides codes: "Hikvision NVR compatible". */
const DEVICE_WORDS = new Set(
  'camera cameras cam nvr nvrs dvr dvrs ipc dome turret bullet ptz series models model phone router modem kamera'.split(
    ' ',
  ),
);

/**
 * Parts a device is mounted on, housed in or powered through, sold named after its maker: rule 3's nouns before a
 * name, and the maker's own part after one of its codes (OWN_ACCESSORY_AFTER). Regular-expression source.
 */
const MOUNTING_PARTS = [
  'junction box',
  'back ?box',
  'mount',
  'bracket',
  'housing',
  'enclosure',
  'power supply',
  'power adapter',
  'poe injector',
  'injector',
  'splitter',
  'sun ?shield',
  'sun ?shade',
  'halterung',
  'wandhalterung',
  'gehäuse',
  'netzteil',
  'anschlussdose',
  'abzweigdose',
];

/** Accessory nouns right before a name: "Junction box Hikvision", "Wall mount bracket Hikvision Dahua". */
const ACCESSORY_WORDS = [
  ...MOUNTING_PARTS,
  'lens cover',
  'rain cover',
  'cable',
  'adapter',
  'adaptor',
  'charger',
  'screen protector',
  'lens protector',
  'protector',
  'tempered glass',
  'panzerglas',
  'hülle',
  'coque',
  'funda',
];
const ACCESSORY_BEFORE = new RegExp(String.raw`(?:^|[^\p{L}\p{N}])(?:${ACCESSORY_WORDS.join('|')})s?\s*-?\s*$`, 'u');

/** A model code right after a name: letters and digits, at least four characters ("ds-1280zj-xs", "b593"). */
const CODE = String.raw`^\s*(?=[\p{L}\p{N}-]*\p{N})(?=[\p{L}\p{N}-]*\p{L})[\p{L}\p{N}][\p{L}\p{N}-]{3,}`;
const CODE_AFTER = new RegExp(String.raw`${CODE}(?![\p{L}\p{N}])`, 'u');

/**
 * A block with none of a rule's words is done in one pass per rule (most blocks with a finding are product titles
 * with no accessory words at all, and pay nothing more). The trailing and accessory cues are those rules' own word
 * lists; the lead cues are kept by hand, as parts of LEAD_TRIGGER's phrases and BARE_FOR's words.
 */
const LEAD_CUES =
  /compat|kompat|(?<!\p{L})(?:for|für|fur|pour|para|fits?|suits)(?!\p{L})|suitable|replac|works? with|working with|use with|used (?:with|for|on)|adapt|passend|passt|geeignet|ersatz|ersetzt|convient|remplac|apto|adecuado|lido para|repuesto|reemplazo|sustituye|adatto|兼容|适|適|用于|用於|対応/u;
const TRAIL_CUES = new RegExp([...COMPATIBLE_WORDS, '対応', '用', ...REPLACEMENT_WORDS, ...CASE_WORDS].join('|'), 'u');
const ACCESSORY_CUES = new RegExp(ACCESSORY_WORDS.join('|'), 'u');

/** A word with a digit: a model code or a size ("ds-2cd2143g2-i", "4mp"). */
const hasDigit = (word: string) => /\p{N}/u.test(word);

/**
 * For each hit (sorted by start, disjoint), whether it is a mention; null when none is. `text` is normalised.
 */
export function mentionFlags(text: string, hits: readonly MentionHit[]): boolean[] | null {
  const lead = LEAD_CUES.test(text);
  const trail = TRAIL_CUES.test(text);
  const accessory = ACCESSORY_CUES.test(text);
  if (!lead && !trail && !accessory) return null;
  let flags: boolean[] | null = null;
  const mentionEnds = new Set<number>();
  const mark = (index: number) => {
    flags ??= hits.map(() => false);
    flags[index] = true;
    mentionEnds.add(hits[index]!.end);
  };
  for (let index = 0; index < hits.length; index++) {
    const hit = hits[index]!;
    // A hit listed after a mention is one too ("for Hikvision, Dahua"), so the walk back runs once there is one.
    if (
      ((lead || mentionEnds.size > 0) && triggerBefore(text, hit, mentionEnds)) ||
      (accessory && hit.named && accessoryBefore(text, hit))
    ) {
      mark(index);
      continue;
    }
    const through = trail ? trailingTrigger(text, hits, index) : -1;
    if (through >= index) for (let i = index; i <= through; i++) mark(i);
  }
  return flags;
}

/** Walks back from `start` over list items and fillers to a trigger, or to the end of a hit already a mention. */
function triggerBefore(text: string, hit: MentionHit, mentionEnds: ReadonlySet<number>): boolean {
  let at = hit.start;
  // A list item is a word or two before a separator: "axis, hanwha and hikvision". Only an explicit trigger takes a
  // list of other makers' names before the name; a bare "for" must be right before it ("For example, all TP-LINK").
  let itemWords = 0;
  let listed = false;
  for (let tokens = 0; tokens <= MAX_TOKENS; tokens++) {
    const before = text.slice(Math.max(0, at - LOOKBACK), at);
    const trimmed = at - (before.length - before.trimEnd().length);
    // A list carries the mention on, but not to an item that is a product of its own: "replacement for Hikvision
    // DS-2CD2043G2-I, Hikvision DS-1280ZJ-XS junction box" sells the maker's junction box.
    if (mentionEnds.has(trimmed)) return !(listed && hit.named && ownAccessoryAfter(text, hit.end));
    if (LEAD_TRIGGER.test(before) || (!listed && bareForBefore(text, at))) return true;
    const token = LAST_TOKEN.exec(before);
    if (!token) return false;
    const word = token[1]!;
    if (SEPARATOR.test(word) || CONJUNCTIONS.has(word)) {
      itemWords = 2;
      listed = true;
    } else if (FILLERS.has(word)) itemWords = 0;
    else if (itemWords > 0) itemWords--;
    else return false;
    at -= token[0].length;
  }
  return false;
}

/**
 * A bare "for" (für, pour, para) right before `at`: a mention after an accessory or device noun ("junction box
 * for"), or when it opens the clause ("For Hikvision ..."); never after a service word or any other word ("deals
 * for Hikvision", "maintenance for Huawei").
 */
function bareForBefore(text: string, at: number): boolean {
  const before = text.slice(Math.max(0, at - LOOKBACK), at);
  const found = BARE_FOR.exec(before);
  if (!found) return false;
  const head = before.slice(0, found.index + (found[0].length - found[0].trimStart().length)).trimEnd();
  // The start of the block or of a clause ("For Hikvision DS-2CD2143G2-I Replacement Dome Bubble"), when the clause
  // names an accessory: "For Quectel EC21 this is >= 100 ms" is about the module itself.
  if ((head === '' && at - before.length === 0) || /[|•·:;.!?(（[【]$/u.test(head)) return accessoryInClause(text, at);
  const previous = /([\p{L}\p{N}][\p{L}\p{N}'-]*)$/u.exec(head)?.[1];
  if (!previous) return false;
  // "support for" is a service in English; "support pour" is a bracket in French.
  const service = SERVICE_NOUNS.has(previous) && !(previous === 'support' && !/for\s*:?\s*$/u.test(found[0]));
  return !service && HEAD_NOUNS.has(previous);
}

/** Whether the clause from `at` on (to its end, or a few words) names an accessory or device ("replacement cover"). */
function accessoryInClause(text: string, at: number): boolean {
  const clause = text.slice(at, at + 80).split(/[|•·;.!?。；！？]/u, 1)[0]!;
  return (clause.match(/[\p{L}][\p{L}'-]*/gu) ?? []).some((word) => HEAD_NOUNS.has(word));
}

/** A model code and an accessory noun right after a name: "Hikvision DS-1280ZJ-XS junction box" is the maker's part. */
const OWN_ACCESSORY_AFTER = new RegExp(
  String.raw`${CODE}\s+(?:${[...MOUNTING_PARTS, 'boîtier', 'boitier', 'support', 'soporte', 'caja'].join('|')})(?![\p{L}\p{N}])`,
  'u',
);

function ownAccessoryAfter(text: string, end: number): boolean {
  return OWN_ACCESSORY_AFTER.test(text.slice(end, end + 60));
}

/** Rule 3: an accessory noun right before a name, and no model code right after it. */
function accessoryBefore(text: string, hit: MentionHit): boolean {
  if (!ACCESSORY_BEFORE.test(text.slice(Math.max(0, hit.start - LOOKBACK), hit.start))) return false;
  return !CODE_AFTER.test(text.slice(hit.end, hit.end + 40));
}

/**
 * Rule 2: walks forward from hit `index` over codes, device words and further hits joined by separators to a
 * trailing trigger. Returns the index of the last hit the trigger covers, or -1.
 */
function trailingTrigger(text: string, hits: readonly MentionHit[], index: number): number {
  let last = index;
  let at = hits[index]!.end;
  // Words that are neither codes nor device words ("nova", "pro"): allowed only before "replacement <part>".
  let freeWords = 0;
  // An accessory noun on the way ("DS-1280ZJ-XS junction box cover") makes the product the maker's own part.
  let headNoun = false;
  for (let tokens = 0; tokens <= MAX_TOKENS; tokens++) {
    const rest = text.slice(at, at + LOOKBACK);
    if (freeWords === 0 && TRAIL_COMPATIBLE.test(rest)) return last;
    if (TRAIL_REPLACEMENT.test(rest)) return last;
    if (!headNoun && at > hits[last]!.end && TRAIL_CASE.test(rest)) return last;
    const next = hits[last + 1];
    // Another hit straight after, or after a separator: "Hikvision/Dahua kompatibel", "Hikvision DS-2CD2143G2-I".
    const gap = next ? text.slice(at, next.start) : null;
    if (next && gap !== null && /^\s*(?:[,/&+、]|and|or|und|oder|et|ou|y)?\s*$/u.test(gap)) {
      last++;
      at = next.end;
      continue;
    }
    const word = /^\s*([\p{L}\p{N}][\p{L}\p{N}+-]*)/u.exec(rest);
    if (!word || STOP_WORDS.has(word[1]!)) return -1;
    if (HEAD_NOUNS.has(word[1]!) && !DEVICE_WORDS.has(word[1]!)) headNoun = true;
    if (!(hasDigit(word[1]!) || DEVICE_WORDS.has(word[1]!)) && ++freeWords > MAX_FREE_WORDS) return -1;
    at += word[0].length;
  }
  return -1;
}
