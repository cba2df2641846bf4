/**
 * Reading a receipt a partner pastes (or gives as a file): the receipt itself, or the whole answer
 * of a write (`{ …, receipt: {…} }`). What is wrong is said in French, naming the field; nothing
 * throws. Pure: no DOM, no request.
 */

export interface ReceiptHead {
  treeSize: number;
  rootHash: string;
  timestamp: string;
  keyId: string;
  signature: string;
}

export interface Receipt {
  position: number;
  leafIndex: number;
  leafHash: string;
  treeHead: ReceiptHead;
  inclusionProof: string[];
}

export type ParsedReceipt = { ok: true; receipt: Receipt } | { ok: false; problem: string };

const HEX64 = /^[0-9a-f]{64}$/;
const HEX128 = /^[0-9a-f]{128}$/;

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

function hexProblem(name: string, value: unknown, pattern: RegExp, digits: number): string | null {
  if (value === undefined) return `Il manque le champ « ${name} ».`;
  if (typeof value !== 'string' || !pattern.test(value)) {
    const why =
      typeof value !== 'string'
        ? 'ce n’est pas un texte'
        : /[^0-9a-f]/.test(value)
          ? 'il contient des caractères qui ne sont pas hexadécimaux'
          : `il en a ${value.length}`;
    return `Le champ « ${name} » doit être une suite de ${digits} chiffres hexadécimaux (0-9, a-f en minuscules) : ${why}.`;
  }
  return null;
}

function countProblem(name: string, value: unknown): string | null {
  if (value === undefined) return `Il manque le champ « ${name} ».`;
  return isCount(value) ? null : `Le champ « ${name} » doit être un nombre entier positif ou nul.`;
}

/** The receipt in the text, or what is wrong with it. */
export function parseReceipt(text: string): ParsedReceipt {
  const fail = (problem: string): ParsedReceipt => ({ ok: false, problem });
  if (!text.trim()) return fail('Collez un reçu (le texte JSON reçu après un enregistrement) ou choisissez son fichier.');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return fail('Ce texte n’est pas du JSON : collez le reçu tel qu’il a été téléchargé ou copié, de « { » à « } ».');
  }
  if (isObject(value) && 'receipt' in value) {
    if (value.receipt === null) {
      return fail(`Cette réponse ne contient pas encore de reçu (« receipt » est vide)${typeof value.receiptUrl === 'string' ? ` : il sera à l’adresse ${value.receiptUrl}` : ''}.`);
    }
    value = value.receipt;
  }
  if (!isObject(value)) return fail('Un reçu est un objet JSON, entre « { » et « } ».');
  const head = value.treeHead;
  const problem =
    countProblem('position', value.position) ??
    countProblem('leafIndex', value.leafIndex) ??
    hexProblem('leafHash', value.leafHash, HEX64, 64) ??
    (head === undefined ? 'Il manque le champ « treeHead » (la tête signée).' : !isObject(head) ? 'Le champ « treeHead » doit être un objet.' : null) ??
    countProblem('treeHead.treeSize', (head as Record<string, unknown>).treeSize) ??
    hexProblem('treeHead.rootHash', (head as Record<string, unknown>).rootHash, HEX64, 64) ??
    (typeof (head as Record<string, unknown>).timestamp === 'string' ? null : 'Il manque le champ « treeHead.timestamp » (l’instant de la tête signée).') ??
    hexProblem('treeHead.keyId', (head as Record<string, unknown>).keyId, HEX64, 64) ??
    hexProblem('treeHead.signature', (head as Record<string, unknown>).signature, HEX128, 128) ??
    (Array.isArray(value.inclusionProof) ? null : 'Il manque le champ « inclusionProof » (la liste des empreintes de la preuve).');
  if (problem) return fail(problem);
  const proof = value.inclusionProof as unknown[];
  for (let i = 0; i < proof.length; i++) {
    const bad = hexProblem(`inclusionProof[${i}]`, proof[i], HEX64, 64);
    if (bad) return fail(bad);
  }
  const h = head as unknown as ReceiptHead;
  if ((value.leafIndex as number) >= h.treeSize) {
    return fail(`Le champ « leafIndex » (${String(value.leafIndex)}) doit être plus petit que la taille de la tête signée (« treeHead.treeSize » : ${h.treeSize}).`);
  }
  return {
    ok: true,
    receipt: {
      position: value.position as number,
      leafIndex: value.leafIndex as number,
      leafHash: value.leafHash as string,
      treeHead: { treeSize: h.treeSize, rootHash: h.rootHash, timestamp: h.timestamp, keyId: h.keyId, signature: h.signature },
      inclusionProof: proof as string[],
    },
  };
}
