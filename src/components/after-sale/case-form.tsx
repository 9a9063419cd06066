import { Image, Text, Textarea, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { useRef, useState } from 'react'
import type { AfterSaleCase } from '../../api/case-types'
import { CASE_KINDS, CASE_NOTE_MAX_LENGTH, CASE_PHOTOS_MAX, type CaseKind } from '../../domain/after-sale'
import type { CaseReportStore } from '../../stores/case-report-store'
import { pickPhotos } from '../../stores/photo-picker'
import { afterSaleStrings as s, caseKindLabel, describeCaseProblem } from '../../strings/after-sale'
import { ActionButton } from '../action-button'
import './index.scss'

export interface CaseFormProps {
  orderId: string
  listingId: string
  /** The line's title, so the person sees which goods they are reporting. */
  title: string
  store: CaseReportStore
  /** 申请售后 for the buyer, 登记问题 at the desk. */
  heading?: string
  onDone: (recorded: AfterSaleCase) => void
  onCancel: () => void
}

/** One problem with one line: what kind (four big chips), a note, photos, 提交. */
export const CaseForm = observer(function CaseForm({ orderId, listingId, title, store, heading = s.report, onDone, onCancel }: CaseFormProps) {
  const [kind, setKind] = useState<CaseKind | null>(null)
  const [note, setNote] = useState('')
  // The note as last typed, even when 提交 is tapped before the page has drawn it.
  const typedNote = useRef('')
  const [photoPaths, setPhotoPaths] = useState<string[]>([])
  const submit = async () => {
    const recorded = await store.submit(orderId, { listingId, kind, note: typedNote.current, photoPaths })
    if (recorded) onDone(recorded)
  }
  return (
    <View className='case-form' data-listing-id={listingId}>
      <Text className='case-form__heading'>{`${heading} · ${title}`}</Text>
      <Text className='case-form__label'>{s.kindTitle}</Text>
      <View className='case-form__kinds'>
        {CASE_KINDS.map((k) => (
          <View key={k} className={`case-kind case-kind--${k} ${kind === k ? 'case-kind--chosen' : ''}`} onClick={() => setKind(k)}>
            {caseKindLabel(k)}
          </View>
        ))}
      </View>
      <Text className='case-form__label'>{s.noteTitle}</Text>
      <Textarea className='case-form__note' value={note} maxlength={CASE_NOTE_MAX_LENGTH} placeholder={s.notePlaceholder} onInput={(e) => setNote((typedNote.current = e.detail.value))} />
      <Text className='case-form__label'>{s.photos(photoPaths.length, CASE_PHOTOS_MAX)}</Text>
      <View className='case-form__photos'>
        {photoPaths.map((path) => (
          <Image key={path} className='case-form__photo' src={path} mode='aspectFill' onClick={() => setPhotoPaths(photoPaths.filter((p) => p !== path))} />
        ))}
        {photoPaths.length < CASE_PHOTOS_MAX && (
          <View className='case-form__add-photo' onClick={() => void pickPhotos(CASE_PHOTOS_MAX - photoPaths.length).then((more) => setPhotoPaths([...photoPaths, ...more]))}>
            {s.addPhoto}
          </View>
        )}
      </View>
      {store.problem && <Text className='work-error case-form__problem'>{describeCaseProblem(store.problem)}</Text>}
      <View className='case-form__actions'>
        <ActionButton className='case-form__cancel' kind='secondary' text={s.cancel} onTap={onCancel} />
        <ActionButton className='case-form__submit' text={store.busy ? s.submitting : s.submit} loading={store.busy} onTap={() => void submit()} />
      </View>
    </View>
  )
})
