export { CaseForm, type CaseFormProps } from './case-form'
export { CaseList } from './case-list'
