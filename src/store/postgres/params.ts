/**
 * pg binds only positional parameters ($1, $2, ...): this lets the SQL name them anyway. `ref('x')`
 * appends the value of `x` and returns its placeholder.
 */
export class Params {
  readonly values: unknown[] = [];

  constructor(private readonly source: Record<string, unknown>) {}

  readonly ref = (name: string): string => {
    if (!(name in this.source)) throw new TypeError(`SQL parameter ${name} has no value`);
    this.values.push(this.source[name]);
    return `$${this.values.length}`;
  };
}
