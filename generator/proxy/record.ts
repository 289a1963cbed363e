/**
 * `--record FILE`: each exchange as a JSON line of the recording format
 * (mock/recording.ts), secrets redacted by header name, appended as it
 * happens. A disk slower than the traffic never grows memory without bound:
 * past maxRecordingBacklogBytes waiting, exchanges are left out and counted.
 */
import { createWriteStream, type WriteStream } from "node:fs";
import { ConfigError } from "../config/config.ts";
import { RECORDING_VERSION, type RecordedExchange, type RecordingHeader } from "../mock/recording.ts";

export class Recorder {
  private readonly stream: WriteStream;
  private failed: string | null = null;
  /** Exchanges left out: the disk was behind, or the file failed. */
  dropped = 0;
  written = 0;

  private constructor(
    readonly file: string,
    private readonly maxBacklog: number,
    stream: WriteStream,
  ) {
    this.stream = stream;
    this.stream.on("error", (err) => (this.failed = err.message));
  }

  /** Opens `file` (created or truncated) and writes the header line; a file that cannot be opened is a ConfigError. */
  static async open(file: string, header: Omit<RecordingHeader, "codebook" | "version">, maxBacklog: number): Promise<Recorder> {
    const stream = createWriteStream(file, { flags: "w", mode: 0o600 });
    await new Promise<void>((resolve, reject) => {
      stream.once("open", () => resolve());
      stream.once("error", (err: NodeJS.ErrnoException) => reject(new ConfigError(`--record ${file}: cannot be written (${err.code ?? err.message})`)));
    });
    const r = new Recorder(file, maxBacklog, stream);
    stream.write(`${JSON.stringify({ codebook: "recording", version: RECORDING_VERSION, ...header })}\n`);
    return r;
  }

  get error(): string | null {
    return this.failed;
  }

  write(x: RecordedExchange): void {
    if (this.failed || this.stream.writableLength > this.maxBacklog) {
      this.dropped++;
      return;
    }
    this.stream.write(`${JSON.stringify(x)}\n`);
    this.written++;
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.stream.destroyed) return resolve();
      this.stream.end(() => resolve());
      this.stream.once("error", () => resolve());
    });
  }
}
