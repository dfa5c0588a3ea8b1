/** The part of madge's API (it ships no types) that the import-cycle check uses. */
declare module 'madge' {
  interface MadgeResult {
    /** each circle as the files it runs through, relative to the scanned folder */
    circular(): string[][];
  }
  interface MadgeConfig {
    fileExtensions?: string[];
    tsConfig?: string;
  }
  export default function madge(path: string, config?: MadgeConfig): Promise<MadgeResult>;
}
