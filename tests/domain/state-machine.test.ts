import fc from 'fast-check'
import { isDomainError } from '../../src/domain/errors'
import { listingStatusMachine } from '../../src/domain/listing-status'
import { orderStatusMachine } from '../../src/domain/order-status'
import { parcelStatusMachine } from '../../src/domain/parcel-status'
import { defineStateMachine, type StateMachine } from '../../src/domain/state-machine'

type Light = 'green' | 'amber' | 'red' | 'off'
const lights = defineStateMachine<Light>({
  name: 'light',
  transitions: { green: ['amber', 'off'], amber: ['red', 'off'], red: ['green', 'off'], off: [] },
})

describe('defineStateMachine', () => {
  it('allows exactly the transitions in the table', () => {
    expect(lights.transition('green', 'amber')).toEqual({ ok: true, from: 'green', to: 'amber' })
    expect(lights.can('red', 'green')).toBe(true)
    expect(lights.can('green', 'red')).toBe(false)
    expect(lights.can('green', 'green')).toBe(false) // staying put is not a transition unless listed
  })

  it('says why a transition is refused, with a stable key and a readable message', () => {
    expect(lights.transition('green', 'red')).toEqual({
      ok: false,
      reason: 'transition.not_allowed',
      message: 'light: cannot go from green to red',
    })
    expect(lights.transition('off', 'green')).toMatchObject({ ok: false, reason: 'transition.from_terminal' })
    expect(lights.transition('blue' as Light, 'green')).toMatchObject({ ok: false, reason: 'transition.unknown_state' })
    expect(lights.transition('green', 'blue' as Light)).toMatchObject({ ok: false, reason: 'transition.unknown_state' })
  })

  it('treats states without a way out as terminal by default', () => {
    expect(lights.isTerminal('off')).toBe(true)
    expect(lights.isTerminal('red')).toBe(false)
    expect(lights.next('amber')).toEqual(['red', 'off'])
    expect(lights.next('off')).toEqual([])
    expect(lights.states).toEqual(['green', 'amber', 'red', 'off'])
  })

  it('recognises its states among arbitrary strings', () => {
    expect(lights.isState('amber')).toBe(true)
    expect(lights.isState('constructor')).toBe(false) // not fooled by Object.prototype
    expect(lights.isState(3)).toBe(false)
  })

  it('cannot be changed through the table it was given', () => {
    const table: Record<'a' | 'b', ('a' | 'b')[]> = { a: ['b'], b: [] }
    const machine = defineStateMachine({ transitions: table })
    table.a.push('a')
    expect(machine.can('a', 'a')).toBe(false)
    expect(() => (machine.transitions.a as string[]).push('a')).toThrow()
  })

  it('refuses a contradictory definition', () => {
    const attempts = [
      () => defineStateMachine<'a' | 'b'>({ transitions: { a: ['b'], b: ['a'] }, terminal: ['b'] }),
      () => defineStateMachine<'a' | 'b'>({ transitions: { a: ['c' as 'b'], b: [] } }),
      () => defineStateMachine<'a' | 'b'>({ transitions: { a: ['b'], b: [] }, terminal: ['z' as 'a'] }),
    ]
    for (const attempt of attempts) {
      let thrown: unknown
      try {
        attempt()
      } catch (error) {
        thrown = error
      }
      expect(isDomainError(thrown) && thrown.code).toBe('state_machine.invalid_definition')
    }
  })
})

describe('every machine of the shop', () => {
  const machines = [lights, listingStatusMachine, orderStatusMachine, parcelStatusMachine] as StateMachine<string>[]

  it.each(machines.map((m) => [m.name, m] as const))('%s: nothing leaves a terminal state', (_name, machine) => {
    const terminal = machine.states.filter(machine.isTerminal)
    expect(terminal.length).toBeGreaterThan(0)
    fc.assert(
      fc.property(fc.constantFrom(...terminal), fc.constantFrom(...machine.states), (from, to) => {
        expect(machine.can(from, to)).toBe(false)
        expect(machine.transition(from, to)).toMatchObject({ ok: false, reason: 'transition.from_terminal' })
        expect(machine.next(from)).toEqual([])
      }),
    )
  })

  it.each(machines.map((m) => [m.name, m] as const))('%s: can() agrees with the table', (_name, machine) => {
    fc.assert(
      fc.property(fc.constantFrom(...machine.states), fc.constantFrom(...machine.states), (from, to) => {
        expect(machine.can(from, to)).toBe(machine.transitions[from].includes(to))
        expect(machine.transition(from, to).ok).toBe(machine.can(from, to))
      }),
    )
  })

  it.each(machines.map((m) => [m.name, m] as const))('%s: every state is reachable from the first', (_name, machine) => {
    const reached = new Set([machine.states[0]])
    const queue = [machine.states[0]]
    while (queue.length > 0) {
      for (const to of machine.next(queue.shift() as string)) {
        if (!reached.has(to)) {
          reached.add(to)
          queue.push(to)
        }
      }
    }
    expect([...reached].sort()).toEqual([...machine.states].sort())
  })
})

describe('assertTransition: the gate every status write passes', () => {
  it('answers an allowed move, and throws transition_refused naming the machine, both ends and why', () => {
    expect(orderStatusMachine.assertTransition('pending_payment', 'paid')).toEqual({ from: 'pending_payment', to: 'paid' })
    for (const [from, to, reason] of [
      ['paid', 'pending_payment', 'transition.not_allowed'],
      ['picked_up', 'paid', 'transition.from_terminal'],
      ['shipped', 'paid', 'transition.unknown_state'],
    ] as const) {
      let thrown: unknown
      try {
        orderStatusMachine.assertTransition(from, to)
      } catch (error) {
        thrown = error
      }
      expect(isDomainError(thrown)).toBe(true)
      expect(thrown).toMatchObject({ code: 'state_machine.transition_refused', details: { machine: 'order', from, to, reason } })
    }
  })
})
