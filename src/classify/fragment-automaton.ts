/**
 * Aho-Corasick automaton over a fixed set of strings: one pass over a text finds every occurrence
 * of every string, in time linear in the text (plus the matches). Phrase matching with indexOf per
 * phrase cost a third of classification time; this makes it one scan per reply text. The failure
 * links are folded into a dense transition table over the fragments' alphabet, so each character
 * costs one array read.
 *
 * Everything lives in typed arrays and is built in one go by build(): the table is built at every
 * start of the process, and with a Map per state (17,000 states) it took ~90 ms and fed the garbage
 * collector; this way it takes a few.
 */

/** The trie's edges as lists, by state: its first child, each child's next sibling and column. */
interface Trie {
  firstChild: Int32Array;
  nextSibling: Int32Array;
  column: Int32Array;
}

export class FragmentAutomaton {
  readonly fragments: string[] = [];
  private readonly ids = new Map<string, number>();
  /** UTF-16 code unit -> column of the table (0: a unit no fragment contains). */
  private readonly alphabet = new Uint16Array(65536);
  private width = 1;
  /**
   * state * width + column -> next state. 16 bits a state while the states fit (they do for the phrase
   * table's ~18,000): half the memory to fault in at start and to pull through the cache while scanning.
   */
  private table: Uint16Array | Int32Array = new Uint16Array(1);
  /** The fragment that ends exactly at a state, or -1 (equal fragments share an id, so one at most). */
  private own: Int32Array = new Int32Array(1).fill(-1);
  /**
   * The nearest state along the failure links (excluding the state itself) where a fragment ends, or 0:
   * following it from a state lists every fragment ending there, longest first.
   */
  private outLink: Int32Array = new Int32Array(1);
  /**
   * The state itself when a fragment ends there, else its outLink: the first state to report, so that
   * the scan's common case (no fragment ends here) costs one array read.
   */
  private ending: Int32Array = new Int32Array(1);

  /** Add a fragment (before build()); returns its id, shared by equal fragments. */
  add(fragment: string): number {
    const known = this.ids.get(fragment);
    if (known !== undefined) return known;
    const id = this.fragments.length;
    this.fragments.push(fragment);
    this.ids.set(fragment, id);
    return id;
  }

  /** Build the trie, the failure links and the dense table; call once after the last add(). */
  build(): this {
    const { alphabet, fragments } = this;
    let columns = 0;
    let maxStates = 1;
    for (const fragment of fragments) {
      maxStates += fragment.length;
      for (let i = 0; i < fragment.length; i++) {
        const code = fragment.charCodeAt(i);
        if (alphabet[code] === 0) alphabet[code] = ++columns;
      }
    }
    const width = (this.width = columns + 1);
    // While the trie grows, the table finds a state's child (0: none yet); link() then fills it anew.
    const table =
      maxStates <= 0x10000 ? new Uint16Array(maxStates * width) : new Int32Array(maxStates * width);
    const own = new Int32Array(maxStates).fill(-1);
    const trie: Trie = {
      firstChild: new Int32Array(maxStates),
      nextSibling: new Int32Array(maxStates),
      column: new Int32Array(maxStates),
    };
    let states = 1;
    for (let id = 0; id < fragments.length; id++) {
      const fragment = fragments[id] as string;
      let state = 0;
      for (let i = 0; i < fragment.length; i++) {
        const column = alphabet[fragment.charCodeAt(i)] as number;
        let to = table[state * width + column] as number;
        if (to === 0) {
          table[state * width + column] = to = states++;
          trie.column[to] = column;
          trie.nextSibling[to] = trie.firstChild[state] as number;
          trie.firstChild[state] = to;
        }
        state = to;
      }
      own[state] = id;
    }
    this.table = table;
    this.link(states, own, trie);
    return this;
  }

  /**
   * Renumbers the states breadth-first and fills the table in that order. Breadth-first, a state's
   * failure target is shallower, so its row is complete before the state's own: the row starts as a
   * copy of the failure target's (one native copy, where a loop over every column of every state was
   * most of what a start of the process spent here), then the state's own edges are put back and give
   * their children's failure targets. The numbering puts the shallow states, where a scan spends most of
   * its time, in the first rows: fewer cache lines to pull in than rows strewn over the whole table.
   */
  private link(states: number, ownByTrie: Int32Array, trie: Trie): void {
    const { table, width } = this;
    // order[n] is the trie state numbered n (the root keeps 0); renumbered[trie state] is its number.
    const order = new Int32Array(states);
    const renumbered = new Int32Array(states);
    let tail = 1;
    for (let head = 0; head < tail; head++) {
      for (let child = trie.firstChild[order[head]!]!; child !== 0; child = trie.nextSibling[child]!) {
        renumbered[child] = tail;
        order[tail++] = child;
      }
    }
    const own = new Int32Array(states);
    for (let n = 0; n < states; n++) own[n] = ownByTrie[order[n]!]!;
    const fail = new Int32Array(states);
    const outLink = new Int32Array(states);
    table.fill(0);
    for (let child = trie.firstChild[0]!; child !== 0; child = trie.nextSibling[child]!)
      table[trie.column[child]!] = renumbered[child]!;
    for (let n = 1; n < states; n++) {
      const row = n * width;
      const failRow = fail[n]! * width;
      table.copyWithin(row, failRow, failRow + width);
      for (let child = trie.firstChild[order[n]!]!; child !== 0; child = trie.nextSibling[child]!) {
        const at = row + trie.column[child]!;
        const viaFail = table[at]!;
        const next = renumbered[child]!;
        table[at] = next;
        fail[next] = viaFail;
        outLink[next] = own[viaFail] !== -1 ? viaFail : outLink[viaFail]!;
      }
    }
    const ending = new Int32Array(states);
    for (let n = 0; n < states; n++) ending[n] = own[n] !== -1 ? n : outLink[n]!;
    this.own = own;
    this.outLink = outLink;
    this.ending = ending;
  }

  /** Set marks[id] to 1 for every fragment that occurs in the text (marks: one entry per fragment). */
  mark(text: string, marks: Uint8Array): void {
    this.walk(text, (id) => {
      marks[id] = 1;
    });
  }

  /** End offsets (exclusive) of every occurrence, by fragment id. */
  scan(text: string): Map<number, number[]> {
    const found = new Map<number, number[]>();
    this.walk(text, (id, end) => {
      const ends = found.get(id);
      if (ends) ends.push(end);
      else found.set(id, [end]);
    });
    return found;
  }

  /** A scratch for scanInto, sized for this automaton's fragments (call after build()). */
  newOccurrences(): Occurrences {
    return new Occurrences(this.fragments.length);
  }

  /** What scan() finds, into a reused Occurrences instead of a new Map and arrays; returns `into`. */
  scanInto(text: string, into: Occurrences): Occurrences {
    into.clear();
    this.walk(text, (id, end) => into.add(id, end));
    return into;
  }

  /** Calls `visit` with the fragment id and end offset of every occurrence, in text order. */
  private walk(text: string, visit: (id: number, end: number) => void): void {
    const { table, width, alphabet, own, outLink, ending: firstEnding } = this;
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      const column = alphabet[text.charCodeAt(i)] as number;
      state = column === 0 ? 0 : (table[state * width + column] as number);
      let ending = firstEnding[state] as number;
      while (ending !== 0) {
        visit(own[ending] as number, i + 1);
        ending = outLink[ending] as number;
      }
    }
  }
}

/**
 * The occurrences of one scan, in text order, each fragment's chained from its first to its last: a
 * scratch its owner reuses from scan to scan (phrase matching runs on every reply text, and a Map of
 * arrays per text was garbage for the collector).
 */
export class Occurrences {
  count = 0;
  /** Per occurrence: its fragment, its end offset (exclusive), the same fragment's next occurrence or -1. */
  ids: Int32Array = new Int32Array(16);
  ends: Int32Array = new Int32Array(16);
  nexts: Int32Array = new Int32Array(16);
  /** Per fragment: its first and its last occurrence, or -1. */
  private readonly firsts: Int32Array;
  private readonly lasts: Int32Array;

  constructor(fragments: number) {
    this.firsts = new Int32Array(fragments).fill(-1);
    this.lasts = new Int32Array(fragments);
  }

  /** The index of the fragment's first occurrence, or -1. */
  first(id: number): number {
    return this.firsts[id] as number;
  }

  clear(): void {
    for (let k = 0; k < this.count; k++) this.firsts[this.ids[k] as number] = -1;
    this.count = 0;
  }

  add(id: number, end: number): void {
    if (this.count === this.ids.length) this.grow();
    const k = this.count++;
    this.ids[k] = id;
    this.ends[k] = end;
    this.nexts[k] = -1;
    if ((this.firsts[id] as number) === -1) this.firsts[id] = k;
    else this.nexts[this.lasts[id] as number] = k;
    this.lasts[id] = k;
  }

  private grow(): void {
    const size = this.ids.length * 2;
    const grown = (from: Int32Array): Int32Array => {
      const to = new Int32Array(size);
      to.set(from);
      return to;
    };
    this.ids = grown(this.ids);
    this.ends = grown(this.ends);
    this.nexts = grown(this.nexts);
  }
}
