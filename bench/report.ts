import fs from 'node:fs'
import path from 'node:path'

/* Every benchmark prints its figures and keeps them in bench/reports/<name>.md. A run whose
   figures show a fault (stock oversold, a book that does not balance) fails, so a script
   running the benchmarks sees it without reading the report. */

export function writeReport(name: string, lines: readonly string[]): void {
  const file = path.resolve(__dirname, 'reports', `${name}.md`)
  fs.mkdirSync(path.dirname(file), { recursive: true })
  fs.writeFileSync(file, lines.join('\n'))
  console.log(`written to ${path.relative(process.cwd(), file)}`)
}

/** Runs a benchmark's main: a thrown error, or `false` (a fault in its figures), exits 1. */
export function runBench(main: () => Promise<boolean | void>): void {
  main().then(
    (ok) => {
      if (ok === false) process.exit(1)
    },
    (error) => {
      console.error(error)
      process.exit(1)
    },
  )
}
