import { Input, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useState } from 'react'
import { ActionButton } from '../../../../components/action-button'
import { MOBILE_NUMBER_LENGTH, PERSON_NAME_MAX_LENGTH } from '../../../../domain/people'
import { checkNewFarmer, type NewFarmerErrors } from '../../../../stores/new-farmer-validation'
import type { VillageFarmersStore } from '../../../../stores/village-farmers-store'
import { describeError } from '../../../../strings/format'
import { workStrings } from '../../../../strings/work'

/** 添加农户: a name is enough; many older farmers have no phone, and the operator lists for them. */
export const AddFarmer = observer(function AddFarmer({ store }: { store: VillageFarmersStore }) {
  const [name, setName] = useState('')
  const [phone, setPhone] = useState('')
  const [errors, setErrors] = useState<NewFarmerErrors>({})
  const [edited, setEdited] = useState(false)

  // WeChat's content check refused the name: said beside it, until it is typed again.
  const nameRefused = store.addError?.code === 'CONTENT_RISKY' && !errors.name && !edited ? workStrings.farmers.nameRisky : null
  const save = async () => {
    setEdited(false)
    const found = checkNewFarmer(name, phone)
    setErrors(found)
    if (Object.keys(found).length > 0) return
    const farmer = await store.add(name, phone)
    if (farmer) {
      setName('')
      setPhone('')
      void Taro.showToast({ title: workStrings.farmers.added(farmer.name), icon: 'none' })
    }
  }

  return (
    <View className='work-card add-farmer'>
      <Text className='work-card__title'>{workStrings.farmers.add}</Text>
      <View className='form-field__label add-farmer__label'>{workStrings.farmers.name}</View>
      <Input
        className='form-input add-farmer__name'
        value={name}
        maxlength={PERSON_NAME_MAX_LENGTH}
        placeholder={workStrings.farmers.namePlaceholder}
        onInput={(event) => {
          setName(event.detail.value)
          setEdited(true)
          setErrors((old) => ({ ...old, name: undefined }))
        }}
      />
      {(errors.name ?? nameRefused) && <Text className='field-error field-error--name'>{errors.name ?? nameRefused}</Text>}
      <View className='form-field__label add-farmer__label'>{workStrings.farmers.phone}</View>
      <Input
        className='form-input add-farmer__phone'
        type='number'
        value={phone}
        maxlength={MOBILE_NUMBER_LENGTH}
        placeholder={workStrings.farmers.phonePlaceholder}
        onInput={(event) => {
          setPhone(event.detail.value)
          setErrors((old) => ({ ...old, phone: undefined }))
        }}
      />
      {errors.phone && <Text className='field-error field-error--phone'>{errors.phone}</Text>}
      {store.addError && !nameRefused && <Text className='field-error add-farmer__error'>{describeError(store.addError)}</Text>}
      <View className='work-card__actions'>
        <ActionButton className='add-farmer__save' block text={workStrings.farmers.save} loading={store.adding} onTap={() => void save()} />
      </View>
    </View>
  )
})
