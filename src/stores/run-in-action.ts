import { action } from 'mobx'

/** runInAction with a name, as MobX 5 had: MobX 6 dropped the argument, but a named action is
 *  what makes a store's changes readable in mobx's spy and devtools. */
export function runInAction<T>(name: string, apply: () => T): T {
  return action(name, apply)()
}
