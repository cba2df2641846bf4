/**
 * The checks of a receipt, made by the page itself from the hashes (merkle-verify.ts), never on
 * the service's word: (a) the inclusion proof leads from the leaf to the root of the receipt's
 * signed head; (b) today's head extends that head (a consistency proof the page verifies);
 * (c) the head names the key (its id computed here from the key itself); (d) the head's Ed25519
 * signature. Each check says, in French, « vérifié », « échec » or « non vérifiable », and what a
 * failure means. The service's reads are passed in (`LogReads`), so that the checks run in the
 * unit tests against the server's own proofs.
 */
import { fromHex, keyIdOfSpki, spkiOfPem, verifyConsistency, verifyHeadSignature, verifyInclusion, type Bytes } from './merkle-verify.js';
import type { Receipt } from './receipt-parse.js';
import { frInstant } from './dates.js';

export interface LogKey {
  publicKeyPem: string;
  keyId: string;
  algorithm: string;
}
export interface LogHead {
  treeSize: number;
  rootHash: string;
  timestamp: string;
  keyId: string;
  signature: string;
}
export interface ConsistencyAnswer {
  from: number;
  to: number;
  proof: string[];
}
/** What the checks ask the service (public reads of `/api/log`). */
export interface LogReads {
  key(): Promise<LogKey>;
  head(): Promise<LogHead>;
  consistency(from: number, to: number): Promise<ConsistencyAnswer>;
}

export type CheckResult = 'verified' | 'failed' | 'unverifiable';
export const RESULT_WORD: Record<CheckResult, string> = { verified: 'vérifié', failed: 'échec', unverifiable: 'non vérifiable' };

export interface Check {
  id: 'inclusion' | 'consistency' | 'key' | 'signature';
  label: string;
  result: CheckResult;
  detail: string;
}

const why = (error: unknown) => (error instanceof Error ? error.message : String(error));
const short = (hex: string) => `${hex.slice(0, 16)}…`;
const allHex = (list: string[]): Bytes[] | null => {
  const out = list.map(fromHex);
  return out.every((x): x is Bytes => x !== null) ? out : null;
};

async function inclusion(r: Receipt): Promise<Check> {
  const label = 'Inclusion de l’événement dans la tête signée du reçu';
  const ok = await verifyInclusion({
    leafIndex: r.leafIndex,
    treeSize: r.treeHead.treeSize,
    leafHash: fromHex(r.leafHash)!,
    proof: allHex(r.inclusionProof)!,
    rootHash: fromHex(r.treeHead.rootHash)!,
  });
  return ok
    ? { id: 'inclusion', label, result: 'verified', detail: `La preuve mène de l’empreinte de l’événement (feuille ${r.leafIndex}) à la racine de la tête signée de ${r.treeHead.treeSize} événements.` }
    : {
        id: 'inclusion',
        label,
        result: 'failed',
        detail: `La preuve ne mène pas de l’empreinte de l’événement à la racine de la tête signée : l’empreinte, la preuve ou la racine du reçu a été modifiée, ou le reçu ne vient pas de ce journal. Il ne prouve pas que la position ${r.position} est dans le journal.`,
      };
}

async function consistency(r: Receipt, reads: LogReads): Promise<Check> {
  const label = 'Cohérence avec la tête actuelle du journal';
  const mine = r.treeHead;
  try {
    const head = await reads.head();
    if (head.treeSize < mine.treeSize) {
      return {
        id: 'consistency',
        label,
        result: 'failed',
        detail: `Le journal compte aujourd’hui ${head.treeSize} événements, moins que les ${mine.treeSize} de la tête du reçu : il a été tronqué après ce reçu (la position ${r.position} a peut-être disparu), ou le reçu ne vient pas de ce journal.`,
      };
    }
    const answer = await reads.consistency(mine.treeSize, head.treeSize);
    const proof = allHex(answer.proof);
    const ok =
      proof !== null &&
      answer.from === mine.treeSize &&
      answer.to === head.treeSize &&
      (await verifyConsistency({ fromSize: mine.treeSize, toSize: head.treeSize, fromRoot: fromHex(mine.rootHash)!, toRoot: fromHex(head.rootHash) ?? new Uint8Array(0), proof }));
    if (ok) {
      return {
        id: 'consistency',
        label,
        result: 'verified',
        detail:
          head.treeSize === mine.treeSize
            ? `La tête actuelle est celle du reçu (${head.treeSize} événements, même racine) : rien n’a été ajouté ni réécrit depuis.`
            : `La tête actuelle (${head.treeSize} événements, signée le ${frInstant(head.timestamp)}) prolonge celle du reçu (${mine.treeSize} événements) : les ${mine.treeSize} premiers événements, dont la position ${r.position}, n’ont pas changé.`,
      };
    }
    return {
      id: 'consistency',
      label,
      result: 'failed',
      detail: `Le journal a été réécrit après ce reçu : la position ${r.position}, ou un événement qui la précède, n’est plus ce qu’elle était quand la tête du reçu a été signée (la tête actuelle de ${head.treeSize} événements ne prolonge pas celle de ${mine.treeSize} événements du reçu). À moins que la racine du reçu ait été modifiée : voyez la signature.`,
    };
  } catch (error) {
    return { id: 'consistency', label, result: 'unverifiable', detail: `La tête actuelle ou la preuve de cohérence n’a pas pu être lue : ${why(error)}` };
  }
}

/** The key checked against: the one the partner kept (PEM), else the one the service gives today. */
async function keyChecks(r: Receipt, reads: LogReads, keptPem: string | null): Promise<Check[]> {
  const keyLabel = 'Clé de la tête signée';
  const sigLabel = 'Signature de la tête du reçu';
  let pem: string;
  let served: LogKey | null = null;
  if (keptPem) pem = keptPem;
  else {
    try {
      served = await reads.key();
      pem = served.publicKeyPem;
    } catch (error) {
      const detail = `La clé du service n’a pas pu être lue : ${why(error)}`;
      return [
        { id: 'key', label: keyLabel, result: 'unverifiable', detail },
        { id: 'signature', label: sigLabel, result: 'unverifiable', detail },
      ];
    }
  }
  const whose = keptPem ? 'la clé que vous avez gardée' : 'la clé que le service donne aujourd’hui';
  const spki = spkiOfPem(pem);
  if (!spki) {
    const detail = `${keptPem ? 'La clé collée' : 'La clé donnée par le service'} n’est pas une clé publique PEM (« -----BEGIN PUBLIC KEY----- »).`;
    return [
      { id: 'key', label: keyLabel, result: keptPem ? 'unverifiable' : 'failed', detail },
      { id: 'signature', label: sigLabel, result: 'unverifiable', detail },
    ];
  }
  const keyId = await keyIdOfSpki(spki);
  let key: Check;
  if (served && served.keyId !== keyId) {
    key = { id: 'key', label: keyLabel, result: 'failed', detail: `Le service annonce l’empreinte de clé ${short(served.keyId)}, mais sa clé a l’empreinte ${short(keyId)} : sa réponse se contredit.` };
  } else if (r.treeHead.keyId !== keyId) {
    key = {
      id: 'key',
      label: keyLabel,
      result: 'failed',
      detail: `La tête du reçu nomme la clé ${short(r.treeHead.keyId)}, ${whose} est ${short(keyId)} : la tête a été signée avec une autre clé (la clé a changé depuis, ou le journal a été signé de nouveau).`,
    };
  } else {
    key = { id: 'key', label: keyLabel, result: 'verified', detail: `La tête du reçu nomme ${whose} (empreinte ${short(keyId)}, calculée dans la page).` };
  }
  const valid = await verifyHeadSignature(r.treeHead, spki);
  const signature: Check =
    valid === 'valid'
      ? { id: 'signature', label: sigLabel, result: 'verified', detail: `La signature Ed25519 de la tête (sa taille, sa racine, son instant — le ${frInstant(r.treeHead.timestamp)} — et sa clé) est valide avec ${whose}.` }
      : valid === 'invalid'
        ? {
            id: 'signature',
            label: sigLabel,
            result: 'failed',
            detail: `La signature ne correspond pas à la tête du reçu avec ${whose} : la tête (taille, racine ou instant) a été modifiée après sa signature, ou elle n’a pas été signée par cette clé.`,
          }
        : {
            id: 'signature',
            label: sigLabel,
            result: 'unverifiable',
            detail: 'Ce navigateur ne sait pas vérifier une signature Ed25519 (WebCrypto) : la signature n’a pas été vérifiée. Vérifiez-la hors ligne avec « governance audit --receipts … --key … », ou dans un navigateur qui le sait (Chromium).',
          };
  return [key, signature];
}

/** Every check of the receipt, in order: inclusion, consistency, key, signature. */
export async function checkReceipt(receipt: Receipt, reads: LogReads, keptPem: string | null = null): Promise<Check[]> {
  const [a, b, cd] = await Promise.all([inclusion(receipt), consistency(receipt, reads), keyChecks(receipt, reads, keptPem)]);
  return [a, b, ...cd];
}
