import sharp from 'sharp'
import type { Category } from '../../src/domain/catalog'

/* Demo pictures are drawn at seed time (nothing is downloaded): an SVG still life per
   category, varied by a seeded random source so every listing looks a little different. They
   are then stored through the same photo pipeline an upload goes through. */

function seededRandom(seed: string): () => number {
  let h = 2166136261
  for (const ch of seed) h = Math.imul(h ^ ch.charCodeAt(0), 16777619)
  return () => {
    h = Math.imul(h ^ (h >>> 15), 2246822507)
    h = Math.imul(h ^ (h >>> 13), 3266489909)
    return ((h ^= h >>> 16) >>> 0) / 4294967296
  }
}

const W = 1200
const H = 900

function lamb(r: () => number): string {
  const cuts = Array.from({ length: 3 }, (_, i) => {
    const x = 260 + i * 330 + r() * 40
    const y = 420 + r() * 80
    const fat = Array.from({ length: 5 }, () => `<path d="M${x - 110 + r() * 40} ${y - 60 + r() * 120} q ${60 + r() * 40} ${-40 + r() * 80} ${140 + r() * 60} ${-10 + r() * 20}" stroke="#f6e7dc" stroke-width="${6 + r() * 8}" fill="none" stroke-linecap="round"/>`).join('')
    return `<ellipse cx="${x}" cy="${y}" rx="${140 + r() * 30}" ry="${100 + r() * 30}" fill="#b8323c"/><ellipse cx="${x}" cy="${y}" rx="${150 + r() * 10}" ry="${110 + r() * 10}" fill="none" stroke="#f1d9c8" stroke-width="14"/>${fat}`
  }).join('')
  return `<rect width="${W}" height="${H}" fill="#6b4226"/><rect x="60" y="180" width="${W - 120}" height="560" rx="40" fill="#a8743f"/>${cuts}`
}

function dairy(r: () => number): string {
  const pails = Array.from({ length: 2 }, (_, i) => {
    const x = 330 + i * 480 + r() * 60
    return `<rect x="${x - 150}" y="300" width="300" height="380" rx="30" fill="#dfe7ee"/><ellipse cx="${x}" cy="300" rx="150" ry="45" fill="#fbfdff" stroke="#b7c4cf" stroke-width="8"/><path d="M${x - 150} 250 Q ${x} ${80 + r() * 40} ${x + 150} 250" stroke="#8c9aa6" stroke-width="10" fill="none"/>`
  }).join('')
  return `<rect width="${W}" height="${H}" fill="#9ec9e6"/><rect y="640" width="${W}" height="260" fill="#6a9a4b"/>${pails}`
}

function grain(r: () => number): string {
  const hue = 38 + r() * 12
  const seeds = Array.from({ length: 420 }, () => {
    const x = 100 + r() * 1000
    const y = 420 + r() * 380
    return `<ellipse cx="${x.toFixed(0)}" cy="${y.toFixed(0)}" rx="9" ry="6" transform="rotate(${(r() * 180).toFixed(0)} ${x.toFixed(0)} ${y.toFixed(0)})" fill="hsl(${hue}, 80%, ${55 + r() * 20}%)"/>`
  }).join('')
  return `<rect width="${W}" height="${H}" fill="#efe3c2"/><path d="M160 820 Q 200 300 600 260 Q 1000 300 1040 820 Z" fill="#c9a15b"/>${seeds}`
}

function other(r: () => number): string {
  const potatoes = Array.from({ length: 9 }, (_, i) => {
    const x = 220 + (i % 3) * 380 + r() * 60
    const y = 250 + Math.floor(i / 3) * 220 + r() * 40
    return `<ellipse cx="${x}" cy="${y}" rx="${120 + r() * 40}" ry="${80 + r() * 20}" fill="hsl(${30 + r() * 10}, 45%, ${55 + r() * 10}%)"/>`
  }).join('')
  return `<rect width="${W}" height="${H}" fill="#7a8f4e"/>${potatoes}`
}

const painters: Record<Category, (r: () => number) => string> = { lamb, dairy, grain, other }

/** A JPEG still life for a demo listing, different for each (category, seed). */
export async function drawDemoPicture(category: Category, seed: string): Promise<Buffer> {
  const r = seededRandom(seed)
  const light = `<radialGradient id="l" cx="${30 + r() * 40}%" cy="20%" r="90%"><stop offset="0" stop-color="#fff" stop-opacity="0.35"/><stop offset="1" stop-color="#000" stop-opacity="0.25"/></radialGradient>`
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}"><defs>${light}</defs>${painters[category](r)}<rect width="${W}" height="${H}" fill="url(#l)"/></svg>`
  return sharp(Buffer.from(svg)).jpeg({ quality: 90 }).toBuffer()
}
