import fs from 'node:fs'
import path from 'node:path'
import type { Compiler } from 'webpack'

/* `XIANGJI_BUNDLE_STATS=<file> npm run build:h5` writes webpack's stats (chunks, their files and
   modules with sizes) for bench/bundle.ts, which names what each first-load script carries. Off
   by default: the stats of a full build are tens of megabytes. */
export class BundleStatsPlugin {
  constructor(private readonly file: string) {}

  apply(compiler: Compiler): void {
    compiler.hooks.done.tap('BundleStatsPlugin', (stats) => {
      const json = stats.toJson({ all: false, chunks: true, chunkModules: true, dependentModules: true, nestedModules: true, modules: false, assets: false, ids: true })
      fs.mkdirSync(path.dirname(this.file), { recursive: true })
      fs.writeFileSync(this.file, JSON.stringify(json))
    })
  }
}
