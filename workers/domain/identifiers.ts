// Check-digit validation and masking of the two identifiers the application carries.

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** Why an 18-character resident ID number (GB 11643) is invalid, or null when it is valid. */
export function residentIdProblem(id: string): string | null {
  if (!/^\d{17}[\dX]$/.test(id)) {
    return 'must be 18 characters: 17 digits and a check character (digit or X)';
  }
  const birth = id.slice(6, 14);
  const y = Number(birth.slice(0, 4));
  const m = Number(birth.slice(4, 6));
  const d = Number(birth.slice(6, 8));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    return `holds no valid birth date (${birth})`;
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * ID_WEIGHTS[i]!;
  if (ID_CHECK[sum % 11] !== id[17]) return 'check digit does not match (GB 11643)';
  return null;
}

const CC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** Why an 18-character unified social credit code (GB 32100) is invalid, or null when it is valid. */
export function creditCodeProblem(code: string): string | null {
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code)) {
    return 'must be 18 characters of 0-9 and A-Z without I, O, S, V, Z';
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CC_CHARS.indexOf(code[i]!) * CC_WEIGHTS[i]!;
  const check = (31 - (sum % 31)) % 31;
  if (CC_CHARS[check] !== code[17]) return 'check character does not match (GB 32100)';
  return null;
}

/** Masks all but the first `head` and last `tail` characters: 220102********1234. */
export function mask(value: string, head = 6, tail = 4): string {
  if (value.length <= head + tail) return '*'.repeat(value.length);
  return value.slice(0, head) + '*'.repeat(value.length - head - tail) + value.slice(-tail);
}

/** Masks a mobile phone number: 138****0000. */
export function maskPhone(phone: string): string {
  return mask(phone, 3, 4);
}

/** Chinese compound surnames (复姓) a public page keeps whole: 欧阳娜娜 reads 欧阳**. */
const COMPOUND_SURNAMES = new Set(
  ('欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 令狐 夏侯 澹台 轩辕 端木 独孤 南宫 西门 百里 呼延 ' +
    '万俟 申屠 赫连 拓跋 闻人 东郭 公冶 太叔 濮阳 钟离 宗政 仲孙 单于 谷梁 公羊 左丘 乐正 司空 司寇 亓官 第五').split(' '),
);

/**
 * A person's name as a public page shows it: the surname (a compound one whole), and for a name
 * of three or more characters its last character, the rest as *: 王*堃, 张*, 欧阳**, 欧阳*. Counted
 * in characters, not UTF-16 units, so rare characters (䶮, 𠮷) are one character each.
 */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length <= 1) return '*'.repeat(chars.length);
  const surname = chars.length > 2 && COMPOUND_SURNAMES.has(chars.slice(0, 2).join('')) ? 2 : 1;
  const given = chars.length - surname;
  if (surname === 2 || given === 1) return chars.slice(0, surname).join('') + '*'.repeat(given);
  return chars[0]! + '*'.repeat(given - 1) + chars[chars.length - 1]!;
}

const ID_IN_TEXT = /(?<![\dA-Z])(\d{6})\d{8}(\d{3}[\dX])(?![\dA-Z])/g;
const CREDIT_CODE_IN_TEXT = /(?<![0-9A-Z])([0-9A-HJ-NPQRTUWXY]{6})[0-9A-HJ-NPQRTUWXY]{8}([0-9A-HJ-NPQRTUWXY]{4})(?![0-9A-Z])/g;

/** Masks anything in free text that looks like a resident ID number or a credit code. */
export function redactText(text: string): string {
  return text.replace(ID_IN_TEXT, '$1********$2').replace(CREDIT_CODE_IN_TEXT, '$1********$2');
}
