import { Input, Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { useState } from 'react'
import type { User } from '../../../../api'
import { ActionButton } from '../../../../components/action-button'
import { PICKUP_CODE_LENGTH } from '../../../../domain/pickup-code'
import { RoleGate } from '../../../../components/role-gate'
import { pickupDeskFor } from '../../../../stores/county-stores'
import { countyStrings, describeDeskProblem } from '../../../../strings/county'
import { Handover } from './handover'
import '../../../work-page.scss'
import './index.scss'

const v = countyStrings.verify

// WeChat's camera scanner; a browser has none, so H5 types the code.
const canScan = process.env.TARO_ENV === 'weapp'

/** 核销取货: the buyer's QR code scanned or the six digits typed, then what to hand over. */
const PickupDesk = observer(function PickupDesk({ user }: { user: User }) {
  const desk = pickupDeskFor(user.id)
  const [code, setCode] = useState('')

  if (desk.handover) {
    return (
      <Handover
        order={desk.handover}
        userId={user.id}
        onDone={() => {
          desk.finish()
          setCode('')
        }}
      />
    )
  }
  return (
    <>
      {desk.problem && <Text className='verify-error'>{describeDeskProblem(desk.problem, desk.waitMinutes)}</Text>}
      {canScan && (
        <View className='work-card desk-scan'>
          <ActionButton className='scan-code' block text={v.scan} loading={desk.busy} onTap={() => void desk.scan()} />
          <Text className='desk-scan__hint'>{v.scanHint}</Text>
        </View>
      )}
      <View className='work-card desk-type'>
        <Text className='work-card__title'>{canScan ? v.typeTitle : v.typeTitleAlone}</Text>
        <Input
          className='code-input'
          type='number'
          maxlength={PICKUP_CODE_LENGTH}
          value={code}
          placeholder={v.codePlaceholder}
          // Digits only, at most six: a browser's number field would take more.
          onInput={(event) => setCode(String(event.detail.value).replace(/\D/g, '').slice(0, 6))}
          onConfirm={() => void desk.verifyTyped(code)}
        />
        <View className='work-card__actions'>
          <ActionButton className='verify-code' block text={desk.busy ? v.checking : v.verify} disabled={desk.busy} onTap={() => void desk.verifyTyped(code)} />
        </View>
      </View>
    </>
  )
})

function VerifyPage() {
  return (
    <View className='work-page verify-page'>
      <RoleGate role='county_staff'>{(user) => <PickupDesk user={user} />}</RoleGate>
    </View>
  )
}

export default VerifyPage
