// Binary array codec, the browser side of src/cnnslicer_widgets/widgets/_codec.py.
//
// A payload is {dtype, shape, buffer}: buffer holds the C-ordered little-endian bytes and
// arrives from the kernel as a DataView. decode() turns it into {dtype, shape, size, data}
// where data is a TypedArray; encode() does the reverse for arrays sent to the kernel.
//
//   float16 -> Float32Array (converted here; Float16Array is not relied on)
//   float32/64 -> Float32Array/Float64Array, int8..32/uint8..32 -> the matching TypedArray
//   int64/uint64 -> BigInt64Array/BigUint64Array (exact; use asNumbers() to draw them)
//   bool -> Uint8Array of 0/1

const STORAGE = {
  float16: Uint16Array,
  float32: Float32Array,
  float64: Float64Array,
  int8: Int8Array,
  int16: Int16Array,
  int32: Int32Array,
  int64: BigInt64Array,
  uint8: Uint8Array,
  uint16: Uint16Array,
  uint32: Uint32Array,
  uint64: BigUint64Array,
  bool: Uint8Array,
};

/** Dtype names understood on both sides of the wire. */
export const DTYPES = Object.freeze(Object.keys(STORAGE));

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function storageFor(dtype) {
  const Storage = STORAGE[dtype];
  if (!Storage) {
    throw new TypeError(`unsupported dtype ${JSON.stringify(dtype)}; supported: ${DTYPES.join(", ")}`);
  }
  if (!LITTLE_ENDIAN && Storage.BYTES_PER_ELEMENT > 1) {
    throw new Error("this browser is big-endian; the array codec only handles little-endian");
  }
  return Storage;
}

function checkShape(shape) {
  if (!Array.isArray(shape) || !shape.every((n) => Number.isSafeInteger(n) && n >= 0)) {
    throw new TypeError(`shape must be an array of non-negative integers, got ${JSON.stringify(shape)}`);
  }
  return shape.reduce((a, b) => a * b, 1);
}

function asBytes(buffer) {
  if (buffer instanceof ArrayBuffer) return new Uint8Array(buffer);
  if (ArrayBuffer.isView(buffer)) return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  throw new TypeError(`array payload buffer must be a DataView, TypedArray or ArrayBuffer, got ${typeof buffer}`);
}

/**
 * Decode a {dtype, shape, buffer} payload.
 * The result shares memory with the payload when the bytes are aligned: treat it as read-only.
 * @returns {{dtype: string, shape: number[], size: number, data: ArrayLike<number|bigint>}}
 */
export function decode(payload) {
  if (payload === null || typeof payload !== "object") {
    throw new TypeError(`expected an array payload {dtype, shape, buffer}, got ${payload}`);
  }
  const { dtype, shape } = payload;
  const Storage = storageFor(dtype);
  const size = checkShape(shape);
  const bytes = asBytes(payload.buffer);
  const need = size * Storage.BYTES_PER_ELEMENT;
  if (bytes.byteLength !== need) {
    throw new RangeError(`${dtype} array of shape [${shape}] needs ${need} bytes, got ${bytes.byteLength}`);
  }
  const aligned = bytes.byteOffset % Storage.BYTES_PER_ELEMENT === 0;
  const raw = aligned
    ? new Storage(bytes.buffer, bytes.byteOffset, size)
    : new Storage(bytes.slice().buffer, 0, size);
  const data = dtype === "float16" ? halfToFloat32(raw) : raw;
  return { dtype, shape: [...shape], size, data };
}

/**
 * Encode {dtype, shape, data} as a payload for model.set(); data may be any array-like
 * (numbers, or bigints for int64/uint64). The buffer is a DataView over fresh, exact memory.
 */
export function encode({ dtype, shape, data }) {
  const Storage = storageFor(dtype);
  const size = checkShape(shape);
  if (!data || data.length !== size) {
    throw new RangeError(`shape [${shape}] needs ${size} values, got ${data ? data.length : data}`);
  }
  let out;
  if (dtype === "float16") out = float32ToHalf(data);
  else if (dtype === "bool") out = Uint8Array.from(data, (v) => (v ? 1 : 0));
  else if (Storage === BigInt64Array || Storage === BigUint64Array) out = Storage.from(data, (v) => BigInt(v));
  else out = Storage.from(data);
  return { dtype, shape: [...shape], buffer: new DataView(out.buffer, 0, out.byteLength) };
}

/** Any decoded data as a Float64Array (int64 beyond 2**53 loses precision). */
export function asNumbers(data) {
  return Float64Array.from(data, Number);
}

/** C-order strides (in elements) of a shape; offset of index i is sum(i[k] * strides[k]). */
export function strides(shape) {
  const out = new Array(shape.length);
  let step = 1;
  for (let k = shape.length - 1; k >= 0; k--) {
    out[k] = step;
    step *= shape[k];
  }
  return out;
}

// -- float16 ------------------------------------------------------------------------------

let halfTable = null;

/** The number that the IEEE 754 half-precision bit pattern h encodes. */
export function halfBitsToNumber(h) {
  const sign = h & 0x8000 ? -1 : 1;
  const exponent = (h >> 10) & 0x1f;
  const mantissa = h & 0x3ff;
  if (exponent === 0) return sign * mantissa * 2 ** -24;
  if (exponent === 0x1f) return mantissa ? NaN : sign * Infinity;
  return sign * (1 + mantissa / 1024) * 2 ** (exponent - 15);
}

/** Uint16Array of half bit patterns -> Float32Array (exact: every half is a float32). */
export function halfToFloat32(bits) {
  if (halfTable === null) {
    halfTable = new Float32Array(65536);
    for (let h = 0; h < 65536; h++) halfTable[h] = halfBitsToNumber(h);
  }
  const out = new Float32Array(bits.length);
  for (let i = 0; i < bits.length; i++) out[i] = halfTable[bits[i]];
  return out;
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/**
 * Half bit pattern of a number, rounded to nearest even like numpy's astype("float16").
 * The number is first rounded to float32: exact for float32 inputs (decoded float16 data);
 * for float64 inputs the double rounding may differ from numpy in the last bit on rare ties.
 */
export function numberToHalfBits(x) {
  f32[0] = x;
  const b = u32[0];
  const sign = (b >>> 16) & 0x8000;
  const exponent = (b >>> 23) & 0xff;
  let mantissa = b & 0x7fffff;
  if (exponent === 0xff) return sign | 0x7c00 | (mantissa ? 0x200 | (mantissa >>> 13) : 0);
  const e = exponent - 112; // rebias 127 -> 15
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    if (e < -10) return sign;
    mantissa |= 0x800000;
    const shift = 14 - e;
    let half = mantissa >>> shift;
    const rest = mantissa & ((1 << shift) - 1);
    const halfway = 1 << (shift - 1);
    if (rest > halfway || (rest === halfway && half & 1)) half++;
    return sign | half;
  }
  let half = (e << 10) | (mantissa >>> 13);
  const rest = mantissa & 0x1fff;
  if (rest > 0x1000 || (rest === 0x1000 && half & 1)) half++; // a carry may reach inf: correct
  return sign | half;
}

/** Array-like of numbers -> Uint16Array of half bit patterns. */
export function float32ToHalf(values) {
  const out = new Uint16Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = numberToHalfBits(values[i]);
  return out;
}
