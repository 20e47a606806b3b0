// The e-mail the browser tests receive: where the SMTP sink (a real aiosmtpd server started by
// playwright.config.ts) listens and writes each message as NNNNNNNN.eml, and a small reader of
// those files with Node built-ins only — MIME multipart, base64 and quoted-printable bodies,
// RFC 2047 encoded headers, and the iCalendar invite (unfolded lines, UID, SEQUENCE, METHOD,
// DTSTART/DTEND in UTC).
import * as fs from "node:fs";
import * as path from "node:path";

const root = path.resolve(__dirname, "..");

/** The port of the app under test (`E2E_PORT`). */
export const appPort = Number(process.env.E2E_PORT ?? "3107");
/** The port of the SMTP sink: `E2E_SMTP_PORT`, else the app's port + 20000. */
// Beside the app's port, kept inside the 16-bit port range (scripts/test.sh picks a free one).
export const smtpPort = Number(
  process.env.E2E_SMTP_PORT ?? String(appPort > 45_000 ? appPort - 20_000 : appPort + 20_000),
);
/** The folder the sink writes into, emptied when the sink starts. */
export const mailDir = path.join(root, "target", "e2e", `mail-${appPort}`);

/** One MIME part: lower-cased headers, the content type with its parameters, decoded body. */
export interface MimePart {
  headers: Record<string, string>;
  contentType: string;
  params: Record<string, string>;
  body: Buffer;
  parts: MimePart[];
}

/** One `VEVENT` (or the calendar itself): property name → values (parameters dropped). */
export type IcsProperties = Record<string, string[]>;

/** A parsed iCalendar invite. */
export interface Invite {
  method: string;
  uid: string;
  sequence: number;
  start: Date;
  end: Date;
  summary: string;
  /** Longest physical line in octets (RFC 5545 allows 75). */
  longestLine: number;
  /** Every line ended with CRLF. */
  crlf: boolean;
  event: IcsProperties;
}

/** A received message, as the tests look at it. */
export interface Mail {
  file: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  /** The first `text/calendar` part (with one invite, the one Outlook shows inline). */
  invite?: Invite;
  /** The first `.ics` attachment, which must say the same as `invite`. */
  attachment?: Invite;
  /**
   * Every invite of the message: a message about several sessions (a series confirmed, the rest
   * cancelled) carries one `text/calendar` attachment per session (`session-N.ics`, one UID
   * each); a message about one session has the inline part and its `.ics` copy, listed once.
   */
  invites: Invite[];
  /** Every `.ics` attachment, in order. */
  attachments: Invite[];
  root: MimePart;
}

/** Every message the sink has received so far, oldest first. */
export function readMail(dir: string = mailDir): Mail[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith(".eml"))
    .sort()
    .map((name) => parseMail(name, fs.readFileSync(path.join(dir, name))));
}

/** Parses one raw message. */
export function parseMail(file: string, raw: Buffer): Mail {
  const root = parsePart(raw);
  const leaves = flatten(root);
  const calendar = leaves.find((p) => p.contentType === "text/calendar");
  const isIcsAttachment = (p: MimePart) =>
    /attachment/i.test(p.headers["content-disposition"] ?? "") && /\.ics"?$/i.test(p.params.name ?? filename(p));
  const attachment = leaves.find(isIcsAttachment);
  const attachments = leaves.filter(isIcsAttachment).map((p) => parseInvite(p.body.toString("utf8")));
  const invites = leaves
    .filter((p) => p.contentType === "text/calendar")
    .map((p) => parseInvite(p.body.toString("utf8")));
  return {
    file,
    to: addresses(root.headers["to"] ?? ""),
    subject: decodeWords(root.headers["subject"] ?? ""),
    text: leaves.find((p) => p.contentType === "text/plain")?.body.toString("utf8") ?? "",
    html: leaves.find((p) => p.contentType === "text/html")?.body.toString("utf8") ?? "",
    invite: calendar ? parseInvite(calendar.body.toString("utf8")) : undefined,
    attachment: attachment ? parseInvite(attachment.body.toString("utf8")) : undefined,
    invites,
    attachments,
    root,
  };
}

function filename(part: MimePart): string {
  const match = /filename="?([^";]+)"?/i.exec(part.headers["content-disposition"] ?? "");
  return match ? match[1] : "";
}

function flatten(part: MimePart): MimePart[] {
  return part.parts.length === 0 ? [part] : part.parts.flatMap(flatten);
}

/** Headers and body of one entity; multipart bodies are split into their parts. */
function parsePart(raw: Buffer): MimePart {
  const text = raw.toString("latin1");
  const split = /\r?\n\r?\n/.exec(text);
  const headerText = split ? text.slice(0, split.index) : text;
  const bodyText = split ? text.slice(split.index + split[0].length) : "";
  const headers: Record<string, string> = {};
  for (const line of headerText.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const [contentType, params] = parseContentType(headers["content-type"] ?? "text/plain");
  if (contentType.startsWith("multipart/")) {
    const boundary = params.boundary;
    if (!boundary) throw new Error(`multipart without a boundary in ${headers["content-type"]}`);
    const delimiter = `--${boundary}`;
    const chunks = bodyText.split(delimiter);
    // chunks[0] is the preamble; the chunk starting with "--" is the epilogue after the last part.
    const parts = chunks
      .slice(1)
      .filter((chunk) => !chunk.startsWith("--"))
      .map((chunk) => parsePart(Buffer.from(chunk.replace(/^\r?\n/, "").replace(/\r?\n$/, ""), "latin1")));
    return { headers, contentType, params, body: Buffer.alloc(0), parts };
  }
  const encoding = (headers["content-transfer-encoding"] ?? "7bit").toLowerCase();
  const bytes = Buffer.from(bodyText, "latin1");
  const body =
    encoding === "base64"
      ? Buffer.from(bodyText.replace(/\s+/g, ""), "base64")
      : encoding === "quoted-printable"
        ? decodeQuotedPrintable(bodyText)
        : bytes;
  return { headers, contentType, params, body, parts: [] };
}

/** `text/calendar; charset=utf-8; method=REQUEST` → type and parameters. */
function parseContentType(value: string): [string, Record<string, string>] {
  const [type, ...rest] = value.split(";");
  const params: Record<string, string> = {};
  for (const param of rest) {
    const eq = param.indexOf("=");
    if (eq < 0) continue;
    params[param.slice(0, eq).trim().toLowerCase()] = param
      .slice(eq + 1)
      .trim()
      .replace(/^"(.*)"$/, "$1");
  }
  return [type.trim().toLowerCase(), params];
}

function decodeQuotedPrintable(text: string): Buffer {
  const joined = text.replace(/=\r?\n/g, "");
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    const c = joined[i];
    if (c === "=" && /^[0-9A-Fa-f]{2}$/.test(joined.slice(i + 1, i + 3))) {
      bytes.push(parseInt(joined.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(joined.charCodeAt(i) & 0xff);
    }
  }
  return Buffer.from(bytes);
}

/** RFC 2047 encoded words (`=?utf-8?b?…?=`, `=?utf-8?q?…?=`); blanks between two are dropped. */
export function decodeWords(value: string): string {
  const word = /=\?([^?]+)\?([bBqQ])\?([^?]*)\?=/g;
  const joined = value.replace(/(\?=)\s+(=\?)/g, "$1$2");
  const decoded = joined.replace(word, (_, _charset: string, kind: string, data: string) => {
    if (kind.toLowerCase() === "b") return Buffer.from(data, "base64").toString("latin1");
    return decodeQuotedPrintable(data.replace(/_/g, " ")).toString("latin1");
  });
  // Bytes of adjacent words may split one UTF-8 character: decode once, at the end.
  return Buffer.from(decoded, "latin1").toString("utf8");
}

/** `Priya Patel <provider.phoenix@…>, x@y` → lower-cased addresses. */
function addresses(value: string): string[] {
  return decodeWords(value)
    .split(",")
    .map((a) => (/<([^>]+)>/.exec(a)?.[1] ?? a).trim().toLowerCase())
    .filter((a) => a.includes("@"));
}

/** Parses an invite: unfolds lines, reads METHOD and the one VEVENT. */
export function parseInvite(text: string): Invite {
  const crlf = text.endsWith("\r\n") && !/[^\r]\n/.test(text);
  const physical = text.replace(/\r?\n$/, "").split(/\r?\n/);
  const longestLine = Math.max(...physical.map((l) => Buffer.byteLength(l, "utf8")));
  const logical = text.replace(/\r?\n[ \t]/g, "").split(/\r?\n/).filter((l) => l.length > 0);
  const calendar: IcsProperties = {};
  const events: IcsProperties[] = [];
  let current: IcsProperties | undefined;
  for (const line of logical) {
    const colon = line.indexOf(":");
    if (colon < 0) throw new Error(`iCalendar line without a colon: ${line}`);
    const name = line.slice(0, colon).split(";")[0].toUpperCase();
    const value = line.slice(colon + 1);
    if (name === "BEGIN" && value === "VEVENT") current = {};
    else if (name === "END" && value === "VEVENT") {
      if (current) events.push(current);
      current = undefined;
    } else {
      const target = current ?? calendar;
      (target[name] ??= []).push(value);
    }
  }
  if (events.length !== 1) throw new Error(`expected one VEVENT, found ${events.length}`);
  const event = events[0];
  const one = (name: string) => {
    const values = event[name];
    if (!values || values.length !== 1) throw new Error(`VEVENT needs one ${name}, has ${values?.length ?? 0}`);
    return values[0];
  };
  return {
    method: calendar.METHOD?.[0] ?? "",
    uid: one("UID"),
    sequence: Number(one("SEQUENCE")),
    start: icsInstant(one("DTSTART")),
    end: icsInstant(one("DTEND")),
    summary: one("SUMMARY").replace(/\\([,;\\])/g, "$1").replace(/\\n/gi, "\n"),
    longestLine,
    crlf,
    event,
  };
}

/** `20270316T150000Z` → the instant. Sessions' invites are in UTC; an on-site visit's invite is
 * on the site's clock (`DTSTART;TZID=…:20270505T083000`, a daily rule), read here as that wall
 * time's digits (the parameters are dropped by the reader), which no spec compares to an instant. */
export function icsInstant(value: string): Date {
  const m = /^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z?$/.exec(value);
  if (!m) throw new Error(`not an iCalendar date-time: ${value}`);
  const [, y, mo, d, h, mi, s] = m.map(Number);
  return new Date(Date.UTC(y, mo - 1, d, h, mi, s));
}
