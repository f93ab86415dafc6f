/**
 * out[i·outStride + j] += Σ_l a[i·len + l]·b[j·len + l]: every dot product between the rows of two
 * row-major Float64 blocks, the one product PCA needs (covariance, C·Q, projection). Scalar
 * JavaScript peaks near 2.3·10⁹ multiply-adds/s here; a WebAssembly SIMD kernel (two doubles per
 * instruction, a 4×2 register tile, no bounds checks) does ~9·10⁹, which is what brings PCA of
 * 60,000 × 1,152 features under five seconds. Float64 throughout, no fused multiply-add: each
 * product is rounded then added, lanes sum the even and odd l separately, and the plain fallback
 * below does exactly the same operations, so both give bit-identical results.
 */

/** The register tile: rows of `a` (rowsA must be a multiple) by rows of `b` (rowsB must be even). */
export const ROWS_A_STEP = 4;
const TILE_B = 2;
/** Bytes of `b` worked on at a time: a quarter of the 1 MB L2 cache, leaving room for `a`'s tile. */
export const PANEL_BYTES = 256 * 1024;

interface Kernel {
  memory: WebAssembly.Memory;
  /** (a, rowsA, b, rowsB, lenBytes, out, strideBytes), addresses and sizes in bytes. */
  dots: (...args: [number, number, number, number, number, number, number]) => void;
}
let kernel: Kernel | null | undefined;

/** The compiled kernel, or null where WebAssembly SIMD is unavailable (then the plain loop runs). */
function wasmKernel(): Kernel | null {
  if (kernel === undefined) {
    try {
      const { exports } = new WebAssembly.Instance(new WebAssembly.Module(kernelModule()), {});
      kernel = { memory: exports.m as WebAssembly.Memory, dots: exports.dots as Kernel['dots'] };
    } catch {
      kernel = null;
    }
  }
  return kernel;
}

/**
 * Zeroed Float64 arrays the kernel can read in place (views of its memory, 16-byte aligned). They
 * are valid until the next call, which may reuse or move the memory; the memory is kept for reuse.
 */
export function scratchArrays<const T extends readonly number[]>(
  lengths: T,
): { [K in keyof T]: Float64Array } {
  type Views = { [K in keyof T]: Float64Array };
  const k = wasmKernel();
  if (!k) return lengths.map((n) => new Float64Array(n)) as unknown as Views;
  const starts: number[] = [];
  let bytes = 0;
  for (const n of lengths) {
    starts.push(bytes);
    bytes += Math.ceil(n / 2) * 16;
  }
  const have = k.memory.buffer.byteLength;
  if (bytes > have) k.memory.grow(Math.ceil((bytes - have) / 65536));
  return lengths.map((n, i) => new Float64Array(k.memory.buffer, starts[i], n).fill(0)) as unknown as Views;
}

/** rowsA a multiple of 4, rowsB and len even (pad with zeros); a, b, out from one scratchArrays call. */
export function addRowDots(
  a: Float64Array,
  rowsA: number,
  b: Float64Array,
  rowsB: number,
  len: number,
  out: Float64Array,
  outStride: number,
): void {
  if (rowsA % ROWS_A_STEP || rowsB % TILE_B || len % 2) throw new Error(`bad shape ${rowsA}×${rowsB}×${len}`);
  if (rowsA === 0 || rowsB === 0 || len === 0) return;
  // The kernel has no bounds checks of its own: an overrun would silently touch a neighbour array.
  if (a.length < rowsA * len || b.length < rowsB * len || out.length < (rowsA - 1) * outStride + rowsB)
    throw new Error('row-dot operand too short');
  const k = wasmKernel();
  const buf = k?.memory.buffer;
  if (!k || a.buffer !== buf || b.buffer !== buf || out.buffer !== buf)
    return addRowDotsPlain(a, rowsA, b, rowsB, len, out, outStride);
  // Panels of b small enough to stay in cache while every tile of a passes over them: streaming
  // all of a large b from memory for each tile of a is memory-bound.
  const panel = Math.max(TILE_B, Math.floor(PANEL_BYTES / (8 * len * TILE_B)) * TILE_B);
  for (let j = 0; j < rowsB; j += panel)
    k.dots(
      a.byteOffset,
      rowsA,
      b.byteOffset + j * len * 8,
      Math.min(panel, rowsB - j),
      len * 8,
      out.byteOffset + j * 8,
      outStride * 8,
    );
}

/** The same arithmetic, in the same order, in plain JavaScript. */
export function addRowDotsPlain(
  a: Float64Array,
  rowsA: number,
  b: Float64Array,
  rowsB: number,
  len: number,
  out: Float64Array,
  outStride: number,
): void {
  for (let i = 0; i < rowsA; i++)
    for (let j = 0; j < rowsB; j++) {
      let even = 0;
      let odd = 0;
      for (let l = 0; l < len; l += 2) {
        even += (a[i * len + l] as number) * (b[j * len + l] as number);
        odd += (a[i * len + l + 1] as number) * (b[j * len + l + 1] as number);
      }
      out[i * outStride + j] = (out[i * outStride + j] as number) + even + odd;
    }
}

// --- The WebAssembly module, assembled here (a few hundred bytes) rather than shipped as a binary. ---

const uleb = (v: number): number[] => {
  const out: number[] = [];
  do {
    out.push((v & 127) | (v > 127 ? 128 : 0));
    v >>>= 7;
  } while (v > 0);
  return out;
};
const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];
const name = (s: string): number[] => vec([...s].map((ch) => [ch.charCodeAt(0)]));
// Opcodes used (local indices and constants stay below 64, so each is a single LEB128 byte).
const get = (x: number): number[] => [0x20, x];
const set = (x: number): number[] => [0x21, x];
const tee = (x: number): number[] => [0x22, x];
const i32 = (v: number): number[] => [0x41, v];
const [I32_ADD, I32_MUL, I32_LT_U, F64_ADD, F64_LOAD, F64_STORE] = [0x6a, 0x6c, 0x49, 0xa0, 0x2b, 0x39];
const [LOOP, END, BR_IF_LOOP] = [[0x03, 0x40], 0x0b, [0x0d, 0]];
const V128_LOAD = [0xfd, 0x00, 3, 0]; // alignment hint 8 bytes, offset 0
const V128_ZERO = [0xfd, 0x0c, ...new Array<number>(16).fill(0)];
const [F64X2_ADD, F64X2_MUL] = [
  [0xfd, 0xf0, 0x01],
  [0xfd, 0xf2, 0x01],
];
const lane = (i: number): number[] => [0xfd, 0x21, i];

function kernelModule(): Uint8Array<ArrayBuffer> {
  // Parameters 0–6 (byte addresses and sizes), then i32 locals: tile row pointers, their ends, l,
  // output pointers; then v128 locals: accumulators, loaded a pairs, loaded b pairs.
  const [A, ROWS_A, B, ROWS_B, LEN, OUT, STRIDE] = [0, 1, 2, 3, 4, 5, 6];
  const [A_END, B_END, L, O_ROW, O_COL] = [7, 8, 9, 10, 11];
  const aRow = (r: number): number => 12 + r; // 12..15
  const bRow = (t: number): number => 12 + ROWS_A_STEP + t; // 16..17
  const acc = (r: number, t: number): number => 18 + r * TILE_B + t;
  const x = (r: number): number => acc(ROWS_A_STEP, 0) + r;
  const y = (t: number): number => x(ROWS_A_STEP) + t;
  const c: number[] = [];
  const e = (...xs: (number | number[])[]): void => void c.push(...xs.flat());
  // ptr += rows·LEN, and loop again while ptr < end (unsigned), then close the loop.
  const next = (ptr: number, rows: number, end: number): number[] =>
    [get(ptr), get(LEN), i32(rows), I32_MUL, I32_ADD, tee(ptr), get(end), I32_LT_U, BR_IF_LOOP, END].flat();
  e(get(A), get(ROWS_A), get(LEN), I32_MUL, I32_ADD, set(A_END), get(A), set(aRow(0)), get(OUT), set(O_ROW));
  e(LOOP); // over tiles of four a-rows
  for (let r = 1; r < ROWS_A_STEP; r++) e(get(aRow(r - 1)), get(LEN), I32_ADD, set(aRow(r)));
  e(get(B), set(bRow(0)), get(O_ROW), set(O_COL));
  e(get(B), get(ROWS_B), get(LEN), I32_MUL, I32_ADD, set(B_END));
  e(LOOP); // over pairs of b-rows
  e(get(bRow(0)), get(LEN), I32_ADD, set(bRow(1)));
  for (let t = 0; t < ROWS_A_STEP * TILE_B; t++) e(V128_ZERO, set(acc(0, 0) + t));
  e(i32(0), set(L));
  e(LOOP); // over l, two doubles at a time: acc[r][t] += a[r][l..l+1] · b[t][l..l+1]
  // Loaded pairs go to locals first: V8 does not merge repeated loads of one address, and
  // reloading them per product made the kernel 3× slower.
  for (let r = 0; r < ROWS_A_STEP; r++) e(get(aRow(r)), get(L), I32_ADD, V128_LOAD, set(x(r)));
  for (let t = 0; t < TILE_B; t++) e(get(bRow(t)), get(L), I32_ADD, V128_LOAD, set(y(t)));
  for (let r = 0; r < ROWS_A_STEP; r++)
    for (let t = 0; t < TILE_B; t++)
      e(get(acc(r, t)), get(x(r)), get(y(t)), F64X2_MUL, F64X2_ADD, set(acc(r, t)));
  e(get(L), i32(16), I32_ADD, tee(L), get(LEN), I32_LT_U, BR_IF_LOOP, END);
  for (let r = 0; r < ROWS_A_STEP; r++)
    for (let t = 0; t < TILE_B; t++) {
      // out[r][t] = (out[r][t] + lane 0) + lane 1, the order addRowDotsPlain uses.
      const addr = [...get(O_COL), ...get(STRIDE), ...i32(r), I32_MUL, I32_ADD];
      const at = [3, t * 8]; // alignment hint, offset of column t
      e(addr, addr, F64_LOAD, at, get(acc(r, t)), lane(0), F64_ADD);
      e(get(acc(r, t)), lane(1), F64_ADD, F64_STORE, at);
    }
  e(get(O_COL), i32(8 * TILE_B), I32_ADD, set(O_COL), next(bRow(0), TILE_B, B_END));
  e(get(O_ROW), get(STRIDE), i32(ROWS_A_STEP), I32_MUL, I32_ADD, set(O_ROW));
  e(next(aRow(0), ROWS_A_STEP, A_END));
  e(END);
  const body = [
    ...vec([
      [acc(0, 0) - 7, 0x7f], // i32 locals 7..17
      [y(TILE_B) - acc(0, 0), 0x7b], // v128 locals from 18
    ]),
    ...c,
  ];
  const [exportMemory, exportDots] = [
    [...name('m'), 2, 0],
    [...name('dots'), 0, 0],
  ];
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0], // "\0asm", version 1
    ...section(1, vec([[0x60, ...vec(new Array<number[]>(7).fill([0x7f])), 0]])), // (i32 ×7) → ()
    ...section(3, vec([[0]])), // one function of type 0
    ...section(5, vec([[0, 1]])), // memory, one page to start
    ...section(7, vec([exportMemory, exportDots])), // m: memory 0, dots: function 0
    ...section(10, vec([[...uleb(body.length), ...body]])),
  ]);
}
