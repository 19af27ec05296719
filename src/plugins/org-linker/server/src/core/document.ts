/**
 * The format-neutral model of a document that linking works on: its visible
 * text cut into containers (paragraphs, headings, list items, code blocks,
 * image texts...) and each container into pieces that say whether a link may
 * go there. Blocks and markdown each build one; detection, link decisions and
 * reconciliation only see this.
 */

/** body: links allowed; heading: only with linkInHeadings; never: code blocks, image texts. */
export type ContainerRole = 'body' | 'heading' | 'never';

/**
 * text: plain text a link may cover; engine-link: text of a link the engine
 * made (treated as plain text, reconciled); foreign-link: text of any other
 * link; code: inline code; other: anything else that is not linkable.
 */
export type PieceKind = 'text' | 'engine-link' | 'foreign-link' | 'code' | 'other';

export interface Piece {
  start: number;
  end: number;
  kind: PieceKind;
  /** Pieces of one group may share a link; a link across groups crosses formatting. */
  group: number;
  /** Index into DocumentModel.links for engine-link pieces, else -1. */
  link: number;
}

export interface Container {
  start: number;
  end: number;
  role: ContainerRole;
  pieces: Piece[];
}

/** A link the engine made (recognised by its URL), in model offsets. */
export interface ExistingLink {
  start: number;
  end: number;
  url: string;
  /** The slug read from the URL (known in the directory or not). */
  slug: string;
}

export interface DocumentModel {
  /** Visible text: containers joined by separators no name crosses. */
  text: string;
  containers: Container[];
  links: ExistingLink[];
}

/** Index of the container holding offset `at` (containers sorted, non-overlapping), or -1. */
export function containerAt(model: DocumentModel, at: number): number {
  let lo = 0;
  let hi = model.containers.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const c = model.containers[mid];
    if (at < c.start) hi = mid - 1;
    else if (at >= c.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}
