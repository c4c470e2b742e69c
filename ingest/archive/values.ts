/**
 * Neo4j property values in an archive's JSON lines, so that a value comes back with its Neo4j type:
 * strings, booleans, floats and lists as JSON; an integer as `{"$i":"123"}` (a float 3.0 stays the
 * JSON number 3, which the driver sends back as a float); a byte array as `{"$b":"<base64>"}`; a
 * temporal value as `{"$t":"DateTime","f":[its fields]}` (the driver's constructor arguments, so
 * nanoseconds and zones are kept). Spatial values (none in the graph) are refused, naming the property.
 */
import neo4j, { type Integer } from 'neo4j-driver';

const TEMPORAL = {
  DateTime: [
    'year',
    'month',
    'day',
    'hour',
    'minute',
    'second',
    'nanosecond',
    'timeZoneOffsetSeconds',
    'timeZoneId',
  ],
  LocalDateTime: ['year', 'month', 'day', 'hour', 'minute', 'second', 'nanosecond'],
  Date: ['year', 'month', 'day'],
  Time: ['hour', 'minute', 'second', 'nanosecond', 'timeZoneOffsetSeconds'],
  LocalTime: ['hour', 'minute', 'second', 'nanosecond'],
  Duration: ['months', 'days', 'seconds', 'nanoseconds'],
} as const;
type TemporalType = keyof typeof TEMPORAL;

const IS: Record<TemporalType, (v: unknown) => boolean> = {
  DateTime: (v) => neo4j.isDateTime(v as never),
  LocalDateTime: (v) => neo4j.isLocalDateTime(v as never),
  Date: (v) => neo4j.isDate(v as never),
  Time: (v) => neo4j.isTime(v as never),
  LocalTime: (v) => neo4j.isLocalTime(v as never),
  Duration: (v) => neo4j.isDuration(v as never),
};

type Field = number | string | null;
export type Encoded =
  | null
  | boolean
  | number
  | string
  | { $i: string }
  | { $b: string }
  | { $t: TemporalType; f: Field[] }
  | Encoded[];

function field(value: unknown): Field {
  if (value === null || value === undefined) return null;
  if (neo4j.isInt(value)) return value.toNumber();
  return value as number | string;
}

function temporal(type: TemporalType, fields: Field[], where: string): unknown {
  const f = fields.map((v) => (typeof v === 'number' ? neo4j.int(v) : undefined)) as Integer[];
  const zone = typeof fields[8] === 'string' ? fields[8] : undefined;
  switch (type) {
    case 'DateTime':
      return new neo4j.types.DateTime(f[0]!, f[1]!, f[2]!, f[3]!, f[4]!, f[5]!, f[6]!, f[7], zone);
    case 'LocalDateTime':
      return new neo4j.types.LocalDateTime(f[0]!, f[1]!, f[2]!, f[3]!, f[4]!, f[5]!, f[6]!);
    case 'Date':
      return new neo4j.types.Date(f[0]!, f[1]!, f[2]!);
    case 'Time':
      return new neo4j.types.Time(f[0]!, f[1]!, f[2]!, f[3]!, f[4]!);
    case 'LocalTime':
      return new neo4j.types.LocalTime(f[0]!, f[1]!, f[2]!, f[3]!);
    case 'Duration':
      return new neo4j.types.Duration(f[0]!, f[1]!, f[2]!, f[3]!);
    default:
      throw new Error(`${where}: unknown temporal type ${JSON.stringify(type)}`);
  }
}

export function encodeValue(value: unknown, where: string): Encoded {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`${where}: the float ${value} cannot be archived`);
    return value;
  }
  if (neo4j.isInt(value)) return { $i: value.toString() };
  if (value instanceof Int8Array || value instanceof Uint8Array)
    return { $b: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64') };
  if (Array.isArray(value)) return value.map((v, i) => encodeValue(v, `${where}[${i}]`));
  for (const type of Object.keys(TEMPORAL) as TemporalType[])
    if (IS[type](value))
      return { $t: type, f: TEMPORAL[type].map((name) => field((value as Record<string, unknown>)[name])) };
  throw new Error(
    `${where}: a value of this type (${Object.prototype.toString.call(value)}) cannot be archived`,
  );
}

export function encodeProps(props: Record<string, unknown>, where: string): Record<string, Encoded> {
  const out: Record<string, Encoded> = {};
  for (const key of Object.keys(props)) out[key] = encodeValue(props[key], `${where}.${key}`);
  return out;
}

export function decodeValue(value: Encoded, where: string): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v, i) => decodeValue(v, `${where}[${i}]`));
  if ('$i' in value && typeof value.$i === 'string' && /^-?\d+$/.test(value.$i)) return neo4j.int(value.$i);
  if ('$b' in value && typeof value.$b === 'string') {
    const bytes = Buffer.from(value.$b, 'base64');
    return new Int8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  if ('$t' in value && Array.isArray(value.f)) return temporal(value.$t, value.f, where);
  throw new Error(`${where}: not an archived value (${JSON.stringify(value).slice(0, 80)})`);
}

export function decodeProps(props: unknown, where: string): Record<string, unknown> {
  if (!props || typeof props !== 'object' || Array.isArray(props))
    throw new Error(`${where}: properties are not an object`);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(props))
    out[key] = decodeValue(value as Encoded, `${where}.${key}`);
  return out;
}
