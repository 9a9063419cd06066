import { Button } from '@tarojs/components'
import { AGREE_BUTTON_ID, privacy } from '../../stores/privacy-gate'
import { privacyStrings as s } from '../../strings/privacy'

/* 同意 in the mini-program: WeChat's own agreePrivacyAuthorization button, the only tap WeChat
   accepts as consent; its id is the one named when a held call is answered. */
export function AgreeButton() {
  return (
    <Button id={AGREE_BUTTON_ID} className='privacy-agree' openType='agreePrivacyAuthorization' onAgreePrivacyAuthorization={privacy.agreed}>
      {s.agree}
    </Button>
  )
}
