import { Text, View } from '@tarojs/components'
import type { Role, User } from '../../api'
import { strings } from '../../strings'
import { roleLabel } from '../../strings/format'

const ROLE_ORDER: Role[] = ['buyer', 'farmer', 'operator', 'county_staff', 'admin']

export interface DemoUserListProps {
  users: readonly User[]
  disabled?: boolean
  onChoose?: (user: User) => void
}

/** 选择演示用户: the demo county's people, by role, for trying the app without WeChat. */
export function DemoUserList({ users, disabled = false, onChoose }: DemoUserListProps) {
  const groups = ROLE_ORDER.map((role) => ({ role, users: users.filter((user) => user.role === role) })).filter((g) => g.users.length > 0)
  return (
    <View className='demo-users'>
      <Text className='demo-users__title'>{strings.me.chooseDemoUser}</Text>
      <Text className='demo-users__hint'>{strings.me.demoHint}</Text>
      {groups.map((group) => (
        <View key={group.role} className='demo-users__group'>
          <Text className='demo-users__role'>{roleLabel(group.role)}</Text>
          {group.users.map((user) => (
            <View
              key={user.id}
              className='demo-user'
              hoverClass='demo-user--pressed'
              onClick={() => {
                if (!disabled) onChoose?.(user)
              }}
            >
              <Text className='demo-user__name'>{user.name}</Text>
              <Text className='demo-user__arrow'>›</Text>
            </View>
          ))}
        </View>
      ))}
    </View>
  )
}
