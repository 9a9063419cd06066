/**
 * One small generic state machine. The allowed transitions of a listing, an order or a parcel
 * are DATA (a table from each status to the statuses it may move to), so a reader sees the
 * whole lifecycle in one place and the rules cannot drift apart across services and screens.
 *
 * A refused transition is returned, not thrown: the caller decides whether it is a 409
 * INVALID_TRANSITION, a greyed-out button, or a replay to ignore. `reason` is a stable key for
 * code and translations; `message` is for a person reading a log.
 */
import { DomainError } from './errors'

export type TransitionTable<S extends string> = Readonly<Record<S, readonly S[]>>

export type TransitionRefusalReason = 'transition.not_allowed' | 'transition.from_terminal' | 'transition.unknown_state'

/** The answer of any guard: allowed, or refused with a reason key and a readable message. */
export type Refusal<R extends string = string> = { ok: false; reason: R; message: string }

export type TransitionResult<S extends string> = { ok: true; from: S; to: S } | Refusal<TransitionRefusalReason>

export interface StateMachineDefinition<S extends string> {
  /** Names the machine in messages: 'order', 'parcel', 'listing'. */
  name?: string
  transitions: TransitionTable<S>
  /** Statuses nothing may leave. Defaults to the statuses with no outgoing transition. */
  terminal?: readonly S[]
}

export interface StateMachine<S extends string> {
  readonly name: string
  readonly states: readonly S[]
  readonly transitions: TransitionTable<S>
  /** For a value read from a database or a request, which may be any string. */
  isState(value: unknown): value is S
  isTerminal(state: S): boolean
  can(from: S, to: S): boolean
  transition(from: S, to: S): TransitionResult<S>
  /** The gate every write of a status passes: the transition, or a DomainError
      `state_machine.transition_refused` naming the machine, both ends and why. */
  assertTransition(from: string, to: S): { from: S; to: S }
  /** Where a status may go next, in the table's order; empty for a terminal status. */
  next(from: S): readonly S[]
}

export function defineStateMachine<S extends string>(definition: StateMachineDefinition<S>): StateMachine<S> {
  const name = definition.name ?? 'state'
  const transitions = freezeTable(definition.transitions)
  const states = Object.keys(transitions) as S[]
  const isState = (value: unknown): value is S =>
    typeof value === 'string' && Object.prototype.hasOwnProperty.call(transitions, value)

  for (const from of states) {
    for (const to of transitions[from]) {
      if (!isState(to)) invalid(`${name}: ${from} → ${String(to)} leads to an unknown state`)
    }
  }
  const terminal = new Set<S>(definition.terminal ?? states.filter((s) => transitions[s].length === 0))
  for (const state of terminal) {
    if (!isState(state)) invalid(`${name}: terminal state ${String(state)} is unknown`)
    // A terminal state with a way out would be a contradiction the table must not contain.
    if (transitions[state].length > 0) invalid(`${name}: terminal state ${state} has outgoing transitions`)
  }

  const isTerminal = (state: S) => terminal.has(state)

  const transition = (from: S, to: S): TransitionResult<S> => {
    if (!isState(from) || !isState(to)) {
      return {
        ok: false,
        reason: 'transition.unknown_state',
        message: `${name}: unknown status ${isState(from) ? String(to) : String(from)}`,
      }
    }
    if (isTerminal(from)) {
      return { ok: false, reason: 'transition.from_terminal', message: `${name}: ${from} is final and cannot become ${to}` }
    }
    if (!transitions[from].includes(to)) {
      return { ok: false, reason: 'transition.not_allowed', message: `${name}: cannot go from ${from} to ${to}` }
    }
    return { ok: true, from, to }
  }

  return {
    name,
    states,
    transitions,
    isState,
    isTerminal,
    transition,
    can: (from, to) => transition(from, to).ok,
    assertTransition(from, to) {
      const result = transition(from as S, to)
      if (!result.ok) throw new DomainError('state_machine.transition_refused', result.message, { machine: name, from, to, reason: result.reason })
      return { from: result.from, to: result.to }
    },
    next: (from) => (isState(from) ? transitions[from] : []),
  }
}

function freezeTable<S extends string>(table: TransitionTable<S>): TransitionTable<S> {
  const copy = {} as Record<S, readonly S[]>
  for (const from of Object.keys(table) as S[]) copy[from] = Object.freeze([...table[from]])
  return Object.freeze(copy)
}

function invalid(message: string): never {
  throw new DomainError('state_machine.invalid_definition', message)
}
