// node --test js/tests/  (run by tests/widgets/test_js_units.py)
import assert from "node:assert/strict";
import test from "node:test";

import {
  DTYPES, asNumbers, decode, encode, float32ToHalf, halfBitsToNumber, halfToFloat32,
  numberToHalfBits, strides,
} from "../lib/codec.js";

test("every float16 bit pattern survives half -> number -> half", () => {
  for (let h = 0; h < 65536; h++) {
    const x = halfBitsToNumber(h);
    const back = numberToHalfBits(x);
    if (Number.isNaN(x)) assert.ok(Number.isNaN(halfBitsToNumber(back)), `NaN ${h}`);
    else assert.equal(back, h, `bits ${h.toString(16)} -> ${x} -> ${back.toString(16)}`);
  }
});

test("float16 special values and rounding to nearest even", () => {
  assert.equal(halfBitsToNumber(0x3c00), 1);
  assert.equal(halfBitsToNumber(0x7bff), 65504);
  assert.equal(halfBitsToNumber(0x0001), 2 ** -24);
  assert.equal(halfBitsToNumber(0x7c00), Infinity);
  assert.equal(halfBitsToNumber(0xfc00), -Infinity);
  assert.ok(Object.is(halfBitsToNumber(0x8000), -0));
  assert.equal(numberToHalfBits(1 + 2 ** -11), 0x3c00); // tie -> even
  assert.equal(numberToHalfBits(1 + 3 * 2 ** -11), 0x3c02); // tie -> even (up)
  assert.equal(numberToHalfBits(65519), 0x7bff);
  assert.equal(numberToHalfBits(65520), 0x7c00); // rounds up to inf, like numpy
  assert.equal(numberToHalfBits(2 ** -25), 0x0000); // tie with 0 -> 0
  assert.equal(numberToHalfBits(2 ** -25 * 1.5), 0x0001);
  assert.equal(numberToHalfBits(-1e-10), 0x8000);
  assert.equal(numberToHalfBits(1e10), 0x7c00);
  assert.ok(Number.isNaN(halfBitsToNumber(numberToHalfBits(NaN))));
});

test("decode gives the right TypedArray, shape and values", () => {
  const f64 = new Float64Array([1.5, NaN, Infinity, -Infinity, -0]);
  const out = decode({ dtype: "float64", shape: [5], buffer: new DataView(f64.buffer) });
  assert.ok(out.data instanceof Float64Array);
  assert.deepEqual([...out.data].map(String), ["1.5", "NaN", "Infinity", "-Infinity", "0"]);
  assert.ok(Object.is(out.data[4], -0));
  const half = float32ToHalf([0.5, -2, 65504]);
  const h = decode({ dtype: "float16", shape: [3, 1], buffer: new DataView(half.buffer) });
  assert.ok(h.data instanceof Float32Array);
  assert.deepEqual([...h.data], [0.5, -2, 65504]);
  assert.deepEqual(h.shape, [3, 1]);
  const i64 = decode({ dtype: "int64", shape: [], buffer: new DataView(new BigInt64Array([-(2n ** 63n)]).buffer) });
  assert.equal(i64.data[0], -(2n ** 63n));
  assert.equal(i64.size, 1);
});

test("decode copies unaligned bytes instead of failing", () => {
  const bytes = new Uint8Array(1 + 8);
  new DataView(bytes.buffer).setFloat64(1, 2.25, true);
  const out = decode({ dtype: "float64", shape: [1], buffer: new DataView(bytes.buffer, 1, 8) });
  assert.equal(out.data[0], 2.25);
});

test("zero-size arrays decode and encode", () => {
  const out = decode({ dtype: "int32", shape: [0, 3], buffer: new DataView(new ArrayBuffer(0)) });
  assert.equal(out.size, 0);
  assert.equal(encode(out).buffer.byteLength, 0);
});

test("decode rejects malformed payloads with a clear message", () => {
  assert.throws(() => decode({ dtype: "complex64", shape: [1], buffer: new DataView(new ArrayBuffer(8)) }), /unsupported dtype/);
  assert.throws(() => decode({ dtype: "int8", shape: [2], buffer: new DataView(new ArrayBuffer(3)) }), /needs 2 bytes, got 3/);
  assert.throws(() => decode({ dtype: "int8", shape: [-1], buffer: new DataView(new ArrayBuffer(0)) }), /shape/);
});

test("encode -> decode round trip for every dtype", () => {
  const values = { bool: [1, 0, 1], int64: [-5n, 0n, 7n], uint64: [0n, 1n, 2n ** 64n - 1n] };
  for (const dtype of DTYPES) {
    const data = values[dtype] ?? [1, 0, 2];
    const back = decode(encode({ dtype, shape: [3], data }));
    assert.equal(back.dtype, dtype);
    assert.deepEqual([...back.data], data, dtype);
  }
  assert.deepEqual([...asNumbers(new BigInt64Array([3n, -4n]))], [3, -4]);
  assert.deepEqual(strides([2, 3, 4]), [12, 4, 1]);
  assert.deepEqual(strides([]), []);
});

test("encode checks the value count", () => {
  assert.throws(() => encode({ dtype: "float32", shape: [2, 2], data: [1, 2, 3] }), /needs 4 values, got 3/);
});

test("halfToFloat32 matches halfBitsToNumber", () => {
  const bits = Uint16Array.from({ length: 65536 }, (_, i) => i);
  const floats = halfToFloat32(bits);
  for (let i = 0; i < 65536; i += 97) {
    const want = halfBitsToNumber(i);
    if (Number.isNaN(want)) assert.ok(Number.isNaN(floats[i]));
    else assert.equal(floats[i], want);
  }
});
