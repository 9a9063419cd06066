import { Text, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import { api, type ApiError, type ListingEvent, toApiError } from '../../api'
import { describeError } from '../../strings/format'
import { chinaDateTime, listingStatusLabel, workStrings } from '../../strings/work'
import { StateView } from '../state-view'
import './index.scss'

/** A listing's recorded changes, oldest first: who listed, edited, approved, rejected (why) or
 *  withdrew it. Read once per visit, so it is page state rather than a store. */
export function ListingHistory({ listingId }: { listingId: string }) {
  const [events, setEvents] = useState<ListingEvent[] | null>(null)
  const [error, setError] = useState<ApiError | null>(null)

  const load = () => {
    setError(null)
    api.listingHistory(listingId).then(
      (page) => setEvents(page.items),
      (failure) => setError(toApiError(failure)),
    )
  }
  useEffect(load, [listingId])

  if (error) return <StateView kind='error' message={describeError(error)} onRetry={load} />
  if (!events) return <StateView kind='loading' />
  if (events.length === 0) return <StateView kind='empty' message={workStrings.history.empty} />
  return (
    <View className='listing-history'>
      {events.map((event, index) => (
        <View key={index} className={`history-entry history-entry--${event.action}`}>
          <View className='history-entry__head'>
            <Text className='history-entry__action'>{workStrings.history.actions[event.action]}</Text>
            <Text className='history-entry__at'>{chinaDateTime(event.at)}</Text>
          </View>
          <Text className='history-entry__line'>{workStrings.history.by(event.actor.name)}</Text>
          <Text className='history-entry__line'>
            {workStrings.history.move(event.fromStatus ? listingStatusLabel(event.fromStatus) : '—', listingStatusLabel(event.toStatus))}
          </Text>
          {event.reason && <Text className='history-entry__line history-entry__reason'>{workStrings.history.reason(event.action === 'hidden' ? (workStrings.hiddenReasons[event.reason] ?? event.reason) : event.reason)}</Text>}
        </View>
      ))}
    </View>
  )
}
