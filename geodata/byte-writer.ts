// Writes GeoJSON text into large byte buffers: coordinates go in digit by digit, with no string per
// number, which keeps the generator's 100 000 plots away from the garbage collector.

const CHUNK_BYTES = 1 << 22;
const DIGITS = 7;
const SCALE = 10 ** DIGITS;

export class ByteWriter {
  private buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  private at = 0;

  constructor(private readonly sink: (chunk: Buffer) => void) {}

  private room(bytes: number): void {
    if (this.at + bytes > this.buffer.length) {
      this.flush();
      if (bytes > this.buffer.length) this.buffer = Buffer.allocUnsafe(bytes);
    }
  }

  text(value: string): void {
    this.room(value.length * 3);
    this.at += this.buffer.write(value, this.at, 'utf8');
  }

  /** A number rounded to 7 decimals, written as `-112.9876500` (trailing zeros kept). */
  coordinate(value: number): void {
    this.room(24);
    let scaled = Math.round(value * SCALE);
    if (scaled < 0) {
      this.buffer[this.at++] = 45; // '-'
      scaled = -scaled;
    }
    const whole = Math.floor(scaled / SCALE);
    let fraction = scaled - whole * SCALE;
    const wholeText = String(whole);
    for (let i = 0; i < wholeText.length; i++) this.buffer[this.at++] = wholeText.charCodeAt(i);
    this.buffer[this.at++] = 46; // '.'
    for (let i = DIGITS - 1; i >= 0; i--) {
      this.buffer[this.at + i] = 48 + (fraction % 10);
      fraction = Math.floor(fraction / 10);
    }
    this.at += DIGITS;
  }

  flush(): void {
    if (this.at === 0) return;
    this.sink(Buffer.from(this.buffer.subarray(0, this.at)));
    this.at = 0;
  }
}
