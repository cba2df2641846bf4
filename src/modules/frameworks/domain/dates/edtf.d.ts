declare module 'edtf' {
  interface EdtfValue {
    type: string;
    min: number;
    max: number;
    edtf: string;
  }
  /** A string is parsed; an object is what `parse` returned (the date is built from it, not parsed again). */
  function edtf(input: string | object): EdtfValue;
  export default edtf;
  export function parse(input: string): { type: string; level: number };
}
