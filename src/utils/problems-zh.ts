/**
 * Validation problems in Simplified Chinese, for the editors who use the admin in Chinese.
 * The server words every problem in English ("is required", "must be at most 300 characters");
 * these rules turn each wording into Chinese. A problem no rule knows stays in English (a unit
 * test reads every problem written in the sources and fails when one has no rule). Field names
 * stay as the API names them: they are what the admin highlights.
 */

type Rule = [RegExp, string | ((...groups: string[]) => string)];

const EXACT: Record<string, string> = {
  'is required': '必填',
  'must be text': '必须是文本',
  'must be a string': '必须是文本',
  'must be a number': '必须是数字',
  'must be the id of an upload': '必须是一次上传的编号',
  'must be skip or import': '必须是 skip（跳过）或 import（导入）',
  'must be 1 to 50': '必须在 1 到 50 之间',
  'must be a whole number': '必须是整数',
  'must be a whole number or null': '必须是整数或留空',
  'must be true or false': '必须是“是”或“否”',
  'must be a date': '必须是日期',
  'must be a list': '必须是列表',
  'must be an object': '必须是对象',
  'must be 0 or more': '不能小于 0',
  'must be unique': '必须唯一：这个值已被使用',
  'must not be empty': '不能为空',
  'is not a valid value': '不是有效的值',
  'is not a known field': '不是已知字段',
  'is not valid JSON': '不是有效的 JSON',
  'is not a valid calendar date': '不是有效的日期',
  'invalid URL': '不是有效的网址',
  'must be a date in the form YYYY-MM-DD': '必须是 YYYY-MM-DD 格式的日期',
  'must be a date and time such as 2026-12-02T10:00:00Z': '必须是日期和时间，如 2026-12-02T10:00:00Z',
  'must be an ISO 3166-1 alpha-2 country code, such as CN or DE': '必须是 ISO 3166-1 两位字母国家代码，如 CN 或 DE',
  'must be an http(s), mailto or tel address, or a path of this site': '必须是 http(s)、mailto 或 tel 地址，或本站的路径',
  'must be text (an http:// or https:// URL)': '必须是以 http:// 或 https:// 开头的网址',
  'must be an email address': '必须是电子邮件地址',
  'must be an alias: an object with a text and an optional language': '必须是别名：包含文本和可选语言的对象',
  'must be a list of aliases': '必须是别名列表',
  'must be a list of names': '必须是名称列表',
  'must be a list of choices, or null': '必须是选择列表，或留空',
  'must be a list of documentIds': '必须是 documentId 列表',
  'must be a list of documentIds, or { connect, disconnect, set }': '必须是 documentId 列表，或 { connect, disconnect, set }',
  'must be a list of organization documentIds': '必须是机构 documentId 列表',
  'must be an organization documentId': '必须是机构的 documentId',
  'must name an entry by its documentId': '必须用 documentId 指明条目',
  'must be a list of { text, organization }': '必须是 { text, organization } 列表',
  'must be a list of { uid, fields }': '必须是 { uid, fields } 列表',
  'must be a list of field names': '必须是字段名列表',
  'must be a list of event types': '必须是事件类型列表',
  'must be a blocks array or a markdown string': '必须是块数组或 Markdown 文本',
  'must be a markdown string': '必须是 Markdown 文本',
  'must be a content type uid such as api::article.article': '必须是内容类型 uid，如 api::article.article',
  'must be a duration such as "15s" or a number of milliseconds': '必须是时长，如 "15s"，或毫秒数',
  'must be a comma-separated list of durations': '必须是以逗号分隔的时长列表',
  'must be a comma-separated string or a list of strings': '必须是以逗号分隔的文本或文本列表',
  'must be a job id': '必须是任务 id',
  'must be "draft" or "published"': '必须是 "draft" 或 "published"',
  'must be "first" or "all"': '必须是 "first" 或 "all"',
  'must list at least one content type': '至少要列出一个内容类型',
  'must name at least one field': '至少要指明一个字段',
  'must be a different organization than organization': '必须与 organization 是不同的机构',
  'an organization cannot be its own parent or ancestor': '机构不能是自己的上级或更上级机构',
  'the data must be an object of fields': '数据必须是由字段组成的对象',
  'blocks must be an array': '块内容必须是数组',
  'block must be paragraph, heading, quote, code, image or list': '块必须是段落、标题、引用、代码、图片或列表',
  'heading level must be 1 to 6': '标题级别必须是 1 到 6',
  'inline node must be a text or link node': '行内节点必须是文本或链接',
  'list child must be a list-item or list': '列表的子项必须是列表项或列表',
  'the delivery changed meanwhile; reload and try again': '此投递在此期间已更改，请刷新后重试',
  'leaseMs must exceed timeoutMs by more than a second, or a slow delivery could be sent twice': 'leaseMs 必须比 timeoutMs 多出一秒以上，否则较慢的投递可能被发送两次',
};

/** "(got 312; limit WRITE_MAX_TEXT_CHARS)" after a limit. */
const got = (rest: string) => rest.replace(/^ \(got (\d+); limit (\w+)\)$/, '（实际 $1；上限设置 $2）');
const NOUNS: Record<string, string> = {
  aliases: '个别名',
  nodes: '个节点',
  items: '项',
  'characters of text': '个字符的文本',
  sectors: '个领域',
  fields: '个字段',
  'content types': '个内容类型',
};

const RULES: Rule[] = [
  [/^must be at most (\d+) characters(.*)$/, (max, rest) => `不能超过 ${max} 个字符${got(rest)}`],
  [/^must be at least (\d+) characters$/, (min) => `至少 ${min} 个字符`],
  [/^must be at most (\d+)$/, (max) => `不能大于 ${max}`],
  [
    /^must (?:have|name|list) at most (\d+) (aliases|nodes|items|characters of text|sectors|fields|content types)(.*)$/,
    (max, noun, rest) => `最多 ${max} ${NOUNS[noun]}${got(rest)}`,
  ],
  [/^is nested more than (\d+) levels deep(?: \(limit (\w+)\))?$/, (max, setting) => `嵌套超过 ${max} 层${setting ? `（上限设置 ${setting}）` : ''}`],
  [/^nested more than (\d+) levels deep$/, (max) => `嵌套超过 ${max} 层`],
  [/^must be one of (.+)$/, (list) => `必须是以下之一：${list}`],
  [/^an organization named "(.+)" already exists$/, (name) => `已有名为“${name}”的机构`],
  [/^a sector named "(.+)" already exists$/, (name) => `已有名为“${name}”的领域`],
  [/^"(.+)" is already used by another entry$/, (value) => `“${value}”已被另一条目使用`],
  [/^"(.+)" is already the (\w+) of "(.+)"$/, (value, field, name) => `“${value}”已是“${name}”的 ${field}`],
  [/^must not be before startDate \((.+)\)$/, (date) => `不能早于 startDate（${date}）`],
  [
    /^must be lowercase letters, digits and single hyphens \(at most (\d+) characters\), e\.g\. "(.+)"$/,
    (max, example) => `只能包含小写字母、数字和单个连字符（最多 ${max} 个字符），如“${example}”`,
  ],
  [/^there is no sector (.+)$/, (which) => `没有领域 ${which}`],
  [/^points to (.+), which is not allowed$/, (what) => `指向${what}，不允许`],
];

/** One problem (without its field name) in Chinese, or the problem as it was when no rule knows it. */
export const problemInChinese = (problem: string): string => {
  const exact = EXACT[problem];
  if (exact) return exact;
  for (const [pattern, replacement] of RULES) {
    const match = pattern.exec(problem);
    if (match) return typeof replacement === 'string' ? replacement : replacement(...match.slice(1).map((group) => group ?? ''));
  }
  return problem;
};

/** Whether a request's reader wants Chinese: the admin user's interface language, else the browser's first language. */
export const wantsChinese = (preferredLanguage: unknown, acceptLanguage: unknown): boolean => {
  if (typeof preferredLanguage === 'string' && preferredLanguage !== '') return preferredLanguage.toLowerCase().startsWith('zh');
  return typeof acceptLanguage === 'string' && acceptLanguage.trim().toLowerCase().startsWith('zh');
};
