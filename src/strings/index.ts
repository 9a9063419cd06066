/* The language the app speaks. Only 简体中文 for now; another locale is a file typed `Strings`. */
import { zhCN, type Strings } from './zh-CN'

export const strings: Strings = zhCN
export type { Strings }
