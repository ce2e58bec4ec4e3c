/**
 * A vendor's Chinese name written in Cyrillic (Дахуа, the Bulgarian seller's spelling of Dahua) is also a Chinese given
 * name and a place as Russian and Bulgarian write them (Palladius transcription): "Ли Дахуа" and "Дахуа Линь" are
 * people, "Дахуа-Яоский автономный уезд" is Dahua County. The Cyrillic counterpart of the pinyin person and place rules
 * in index.ts. Pure; offsets are in the original text.
 */

/**
 * The commonest Chinese surnames in Palladius Cyrillic, two letters or more (У and Е are also a Russian preposition
 * and a letter; a one-letter word never counts).
 */
const SURNAMES = new Set(
  'Ван Ли Чжан Лю Чэнь Чень Ян Хуан Чжао Чжоу Сюй Сунь Ма Чжу Ху Го Хэ Линь Гао Ло Чжэн Лян Се Сун Тан Фэн Дэн Цао Пэн Цзэн Сяо Тянь Дун Юань Пань Цзян Цай Ду Чэн Су Вэй Люй Дин Жэнь Шэнь Яо Лу Цуй Чжун Тань Цинь Цю Сюэ Лэй Хоу Мао Хао Гун Шао Цянь Дай Кун Сян Янь Инь Фу'.split(
    ' ',
  ),
);

const TITLE_CYRILLIC = /^[А-ЯЁ][а-яё]+$/u;
/** After the name: a surname (Western order), or what the place is ("-Яоский автономный уезд", "уезд", "посёлок"). */
const AFTER =
  /^(?: ([А-ЯЁ][а-яё]+)(?![\p{L}\p{N}-])|-[А-ЯЁа-яё]+ (?:автономный )?уезд|\s(?:уезд|район|посёлок|поселок|село))/u;
/** Before the name: a surname, or the kind of place ("уезд Дахуа", "в уезде Дахуа"). */
const BEFORE = /(?:^|[^\p{L}])([А-ЯЁ][а-яё]+|уезд|уезда|уезде|район|района|районе|посёлок|поселок) $/u;

/** Whether the title-case Cyrillic name at [start, end) is a Chinese person's given name or a place. */
export function cyrillicChineseNameAsPersonOrPlace(input: string, start: number, end: number): boolean {
  if (!TITLE_CYRILLIC.test(input.slice(start, end))) return false;
  const after = input.slice(end, end + 40).match(AFTER);
  if (after && (after[1] === undefined || SURNAMES.has(after[1]))) return true;
  const before = input.slice(Math.max(0, start - 12), start).match(BEFORE)?.[1];
  return before !== undefined && (SURNAMES.has(before) || /^[а-яё]/u.test(before));
}
