declare module 'edtf' {
  interface EdtfValue {
    type: string;
    min: number;
    max: number;
    edtf: string;
  }
  function edtf(input: string): EdtfValue;
  export default edtf;
  export function parse(input: string): { type: string; level: number };
}
