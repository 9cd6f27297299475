/**
 * Aho-Corasick automaton over a fixed set of strings: one pass over a text finds every occurrence
 * of every string, in time linear in the text (plus the matches). Phrase matching with indexOf per
 * phrase cost a third of classification time; this makes it one scan per reply text. After build()
 * the failure links are folded into a dense transition table over the fragments' alphabet, so each
 * character costs one array read.
 */
export class FragmentAutomaton {
  private readonly next: Map<number, number>[] = [new Map()];
  private readonly fail: number[] = [0];
  /** Fragment ids that end at each state, own and inherited through failure links. */
  private readonly out: number[][] = [[]];
  readonly fragments: string[] = [];
  private readonly ids = new Map<string, number>();
  /** UTF-16 code unit -> column of the table (0: a unit no fragment contains). */
  private readonly alphabet = new Uint16Array(65536);
  private alphabetSize = 0;
  private table = new Int32Array(0);
  private width = 1;

  /** Add a fragment (before build()); returns its id, shared by equal fragments. */
  add(fragment: string): number {
    const known = this.ids.get(fragment);
    if (known !== undefined) return known;
    const id = this.fragments.length;
    this.fragments.push(fragment);
    this.ids.set(fragment, id);
    let state = 0;
    for (let i = 0; i < fragment.length; i++) {
      const code = fragment.charCodeAt(i);
      let to = this.next[state]?.get(code);
      if (to === undefined) {
        to = this.next.length;
        this.next.push(new Map());
        this.fail.push(0);
        this.out.push([]);
        this.next[state]?.set(code, to);
      }
      state = to;
    }
    this.out[state]?.push(id);
    return id;
  }

  /** Compute failure links breadth-first, then the dense table; call once after the last add(). */
  build(): this {
    const order: number[] = [];
    for (const child of this.next[0]?.values() ?? []) order.push(child);
    for (let head = 0; head < order.length; head++) {
      const state = order[head] as number;
      for (const [code, child] of this.next[state] ?? []) {
        let f = this.fail[state] as number;
        while (f !== 0 && !this.next[f]?.has(code)) f = this.fail[f] as number;
        const target = this.next[f]?.get(code);
        const failTo = target !== undefined && target !== child ? target : 0;
        this.fail[child] = failTo;
        this.out[child] = [...(this.out[child] ?? []), ...(this.out[failTo] ?? [])];
        order.push(child);
      }
    }
    this.buildTable(order);
    return this;
  }

  private buildTable(order: number[]): void {
    const { alphabet, next, fail } = this;
    for (const edges of next)
      for (const code of edges.keys()) if (alphabet[code] === 0) alphabet[code] = ++this.alphabetSize;
    const width = (this.width = this.alphabetSize + 1);
    const table = (this.table = new Int32Array(next.length * width));
    const setChildren = (state: number) => {
      for (const [code, child] of next[state] as Map<number, number>)
        table[state * width + (alphabet[code] as number)] = child;
    };
    // Breadth-first order: a state's failure target has its row complete before the state itself, so
    // a row starts as a copy of its failure target's row, then gets its own edges.
    setChildren(0);
    for (const state of order) {
      const failRow = (fail[state] as number) * width;
      table.copyWithin(state * width, failRow, failRow + width);
      setChildren(state);
    }
  }

  /** End offsets (exclusive) of every occurrence, by fragment id. */
  scan(text: string): Map<number, number[]> {
    const found = new Map<number, number[]>();
    const { table, width, alphabet, out } = this;
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      const column = alphabet[text.charCodeAt(i)] as number;
      state = column === 0 ? 0 : (table[state * width + column] as number);
      const ids = out[state] as number[];
      // Most states end no fragment: skip the loop set-up for them (this loop runs once per character).
      if (ids.length === 0) continue;
      for (const id of ids) {
        const ends = found.get(id);
        if (ends) ends.push(i + 1);
        else found.set(id, [i + 1]);
      }
    }
    return found;
  }
}
