import { Input, Text, Textarea, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import type { Farmer, Listing } from '../../api'
import { CATEGORIES } from '../../domain/catalog'
import { LISTING_DESCRIPTION_MAX_LENGTH, LISTING_TITLE_MAX_LENGTH } from '../../domain/listing-limits'
import { FIXED_UNIT_GRAMS, UNITS } from '../../domain/units'
import type { ListingDraftStore } from '../../stores/listing-draft-store'
import { categoryLabel, describeError, unitLabel } from '../../strings/format'
import { workStrings } from '../../strings/work'
import { ActionButton } from '../action-button'
import { Choice, Field } from './field'
import { PhotoStrip } from './photo-strip'
import './index.scss'

export interface ListingFormProps {
  draft: ListingDraftStore
  /** For an operator listing for a farmer: whom to choose from. */
  farmers?: readonly Farmer[]
  onSubmitted?: (listing: Listing) => void
  /** Run first thing in the tap on submit: WeChat opens its subscribe sheet only inside a tap. */
  onSubmitTap?: () => void
}

const categoryOptions = CATEGORIES.map((value) => ({ value, label: categoryLabel(value) }))
const unitOptions = UNITS.map((value) => ({ value, label: unitLabel(value) }))

type InputEvent = { detail: { value: string } }
const valueOf = (event: InputEvent) => event.detail.value

function submitText(draft: ListingDraftStore): string {
  if (draft.submitStatus === 'uploading') return workStrings.sell.waitingForPhotos
  if (draft.submitStatus === 'submitting') return workStrings.sell.submitting
  if (draft.isEditing) return workStrings.sell.submitEdit
  return draft.target.forFarmer ? workStrings.sell.submitProxy : workStrings.sell.submit
}

/** 我要卖: the listing form, also for an edit and for the operator listing for a farmer. What is
 *  typed goes straight into the draft store, which keeps it on the phone. */
export const ListingForm = observer(function ListingForm({ draft, farmers, onSubmitted, onSubmitTap }: ListingFormProps) {
  const { fields, errors } = draft
  const fixedGrams = fields.unit ? FIXED_UNIT_GRAMS[fields.unit] : undefined

  const submit = async () => {
    onSubmitTap?.()
    const listing = await draft.submit()
    if (listing) onSubmitted?.(listing)
    else if (Object.keys(draft.errors).length > 0) void Taro.pageScrollTo({ selector: '.form-field--invalid', duration: 200 }).catch(() => {})
  }
  const discard = async () => {
    const { confirm } = await Taro.showModal({ content: workStrings.sell.discardConfirm })
    if (confirm) draft.discard()
  }

  return (
    <View className='listing-form'>
      {draft.restored && <Text className='listing-form__notice draft-restored'>{workStrings.sell.draftRestored}</Text>}

      {draft.target.forFarmer && farmers && (
        <Field label={workStrings.sell.farmer} name='farmerId' error={errors.farmerId}>
          <Choice
            className='farmer-picker'
            options={farmers.map((farmer) => ({ value: farmer.id, label: farmer.hasAccount ? farmer.name : `${farmer.name}（${workStrings.farmers.noPhone}）` }))}
            selected={fields.farmerId}
            onChange={(id) => draft.setField('farmerId', id)}
          />
        </Field>
      )}

      <Field label={workStrings.sell.photos} name='photos' hint={workStrings.sell.photosHint} error={errors.photos}>
        <PhotoStrip draft={draft} />
        {draft.retryWaitMs !== null && (
          <View className='listing-form__offline'>
            <Text>{workStrings.sell.offline}</Text>
            <ActionButton className='retry-upload' kind='secondary' text={workStrings.sell.retryNow} onTap={draft.retryNow} />
          </View>
        )}
      </Field>

      <Field label={workStrings.sell.title} name='title' error={errors.title}>
        <Input className='form-input input-title' value={fields.title} maxlength={LISTING_TITLE_MAX_LENGTH} placeholder={workStrings.sell.titlePlaceholder} onInput={(e) => draft.setField('title', valueOf(e))} />
      </Field>

      <Field label={workStrings.sell.category} name='category' error={errors.category}>
        <Choice className='category-picker' options={categoryOptions} selected={fields.category} onChange={(value) => draft.setField('category', value)} />
      </Field>

      <Field label={workStrings.sell.unit} name='unit' error={errors.unit}>
        <Choice className='unit-picker' options={unitOptions} selected={fields.unit} onChange={(value) => draft.setField('unit', value)} />
      </Field>

      <Field label={workStrings.sell.price} name='price' hint={fields.unit ? workStrings.sell.pricePer(unitLabel(fields.unit)) : workStrings.sell.pricePerUnit} error={errors.price}>
        <Input className='form-input input-price' type='digit' value={fields.price} placeholder={workStrings.sell.pricePlaceholder} onInput={(e) => draft.setField('price', valueOf(e))} />
      </Field>

      <Field label={workStrings.sell.stock} name='stock' error={errors.stock}>
        <Input className='form-input input-stock' type='number' value={fields.stock} placeholder={workStrings.sell.stockPlaceholder} onInput={(e) => draft.setField('stock', valueOf(e))} />
      </Field>

      {/* After stock, not under the unit picker: choosing a unit adds this field below the
          ones the farmer is filling in, so nothing jumps away from under her finger. */}
      {fields.unit && (
        <Field label={workStrings.sell.unitWeight} name='unitWeight' error={errors.unitWeight}>
          {fixedGrams !== undefined ? (
            <Text className='form-input form-input--fixed input-unit-weight'>{workStrings.sell.unitWeightFixed(fixedGrams)}</Text>
          ) : (
            <Input className='form-input input-unit-weight' type='number' value={fields.unitWeight} placeholder={workStrings.sell.unitWeightPlaceholder} onInput={(e) => draft.setField('unitWeight', valueOf(e))} />
          )}
        </Field>
      )}

      <Field label={workStrings.sell.description} name='description' error={errors.description}>
        <Textarea
          className='form-input form-input--area input-description'
          value={fields.description}
          maxlength={LISTING_DESCRIPTION_MAX_LENGTH}
          placeholder={workStrings.sell.descriptionPlaceholder}
          onInput={(e) => draft.setField('description', valueOf(e))}
        />
      </Field>

      {draft.submitError && <Text className='listing-form__error submit-error'>{describeError(draft.submitError)}</Text>}
      <View className='listing-form__actions'>
        <ActionButton className='submit-listing' block text={submitText(draft)} disabled={draft.isBusy} onTap={() => void submit()} />
        {!draft.isEditing && <ActionButton className='discard-draft' kind='plain' block text={workStrings.sell.discard} disabled={draft.isBusy} onTap={() => void discard()} />}
      </View>
    </View>
  )
})
