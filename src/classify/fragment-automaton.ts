/**
 * Aho-Corasick automaton over a fixed set of strings: one pass over a text finds every occurrence
 * of every string, in time linear in the text (plus the matches). Phrase matching with indexOf per
 * phrase cost a third of classification time; this makes it one scan per reply text.
 */
export class FragmentAutomaton {
  private readonly next: Map<number, number>[] = [new Map()];
  private readonly fail: number[] = [0];
  /** Fragment ids that end at each state, own and inherited through failure links. */
  private readonly out: number[][] = [[]];
  readonly fragments: string[] = [];
  private readonly ids = new Map<string, number>();

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

  /** Compute failure links breadth-first; call once after the last add(). */
  build(): this {
    const queue: number[] = [];
    for (const child of this.next[0]?.values() ?? []) queue.push(child);
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head] as number;
      for (const [code, child] of this.next[state] ?? []) {
        let f = this.fail[state] as number;
        while (f !== 0 && !this.next[f]?.has(code)) f = this.fail[f] as number;
        const target = this.next[f]?.get(code);
        const failTo = target !== undefined && target !== child ? target : 0;
        this.fail[child] = failTo;
        this.out[child] = [...(this.out[child] ?? []), ...(this.out[failTo] ?? [])];
        queue.push(child);
      }
    }
    return this;
  }

  /** End offsets (exclusive) of every occurrence, by fragment id. */
  scan(text: string): Map<number, number[]> {
    const found = new Map<number, number[]>();
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      let to = this.next[state]?.get(code);
      while (to === undefined && state !== 0) {
        state = this.fail[state] as number;
        to = this.next[state]?.get(code);
      }
      state = to ?? 0;
      const ids = this.out[state] as number[];
      for (const id of ids) {
        const ends = found.get(id);
        if (ends) ends.push(i + 1);
        else found.set(id, [i + 1]);
      }
    }
    return found;
  }
}
