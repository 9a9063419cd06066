import { privacy } from '../../stores/privacy-gate'
import { privacyStrings as s } from '../../strings/privacy'
import { ActionButton } from '../action-button'

/* 同意 on H5, where the app keeps the agreement itself. The mini-program's own is
   agree-button.weapp.tsx (Taro picks a file by its platform suffix), so WeChat's native button
   never reaches the H5 bundle. */
export function AgreeButton() {
  return <ActionButton className='privacy-agree' text={s.agree} onTap={privacy.agreed} />
}
