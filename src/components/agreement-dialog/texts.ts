// Plain summaries shown in the app. The WeChat build also opens the privacy guide configured
// in the WeChat console (Taro.openPrivacyContract).
export type AgreementKind = 'terms' | 'privacy'

export const AGREEMENTS: Record<AgreementKind, { title: string; paragraphs: string[] }> = {
  terms: {
    title: '用户服务协议',
    paragraphs: [
      '护学岗用于学校、家长志愿者、教师、保安和责任民警协同开展校门上学、放学高峰的护学岗值守。',
      '加入学校需要使用学校发放的邀请码，并经校长或责任民警审核通过后才能参与值守。请如实填写学校看到的称呼和联系方式。',
      '家长志愿者的值守是自愿服务。请按报名的班次准时到岗，无法到岗时及时换班或取消。',
      '请勿冒用他人身份、转发邀请码给无关人员，或利用本服务发布与护学无关的内容。违反者将被学校移出。',
    ],
  },
  privacy: {
    title: '隐私政策',
    paragraphs: [
      '我们收集：你的称呼、手机号（选填）、所属学校与角色；值守签到和在岗期间的位置。',
      '位置只在你值守的时段内获取，用于确认你在校门岗点附近，轨迹保存 30 天后自动删除。',
      '能看到你信息的人：你所在学校的校长、负责该校的责任民警和区县管理员；其他成员只能看到打码后的手机号。',
      '你可以在「我的」中查看申请状态、退出登录；如需删除账号，请联系所在学校。',
    ],
  },
}
