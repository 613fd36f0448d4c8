// A bounded memo of a pure function of a string. A big paste repeats the same few evidence texts
// thousands of times, so their normalised forms are computed once per diagnosis. Created per call (it
// holds pieces of the paste, which must not outlive the diagnosis) and emptied when full.
export class TextMemo {
  private readonly results = new Map<string, string>();
  private readonly compute: (text: string) => string;
  private readonly limit: number;

  constructor(compute: (text: string) => string, limit = 4096) {
    this.compute = compute;
    this.limit = limit;
  }

  get(text: string): string {
    let result = this.results.get(text);
    if (result === undefined) {
      if (this.results.size >= this.limit) this.results.clear();
      result = this.compute(text);
      this.results.set(text, result);
    }
    return result;
  }
}
