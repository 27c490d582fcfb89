// When the data the app shows came from the server, as a person reads it on the status bar: "11-30 09:12"
// (month-day hour:minute, local time), with the year in front when it is not this year's.

const two = (value: number) => String(value).padStart(2, '0');

export function dataTimeLabel(time: number, now: number): string {
  const at = new Date(time);
  const monthDay = `${two(at.getMonth() + 1)}-${two(at.getDate())}`;
  const clock = `${two(at.getHours())}:${two(at.getMinutes())}`;
  const year = at.getFullYear() === new Date(now).getFullYear() ? '' : `${at.getFullYear()}-`;
  return `${year}${monthDay} ${clock}`;
}
