/** The part of madge's API (it ships no types) that the structure checks use. */
declare module 'madge' {
  interface MadgeResult {
    /** each circle as the files it runs through, relative to the scanned folder */
    circular(): string[][];
    /** each file, relative to the scanned folder, with the files it imports */
    obj(): Record<string, string[]>;
  }
  interface MadgeConfig {
    fileExtensions?: string[];
    tsConfig?: string;
  }
  export default function madge(path: string, config?: MadgeConfig): Promise<MadgeResult>;
}
