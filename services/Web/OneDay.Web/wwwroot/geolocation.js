// Before a form marked data-geolocate is sent (or one sent by a button so marked), the browser's position and its
// accuracy go into the form's [data-coordinate] fields, enabled only then: the attendance API checks them against
// the workplace's fence, the job search lists what is nearest. Without a position the form is not sent, and the
// reason is shown in its [data-geolocate-error]. The attribute's value says what the position is for, as it ends
// "… 수 있습니다" ("출퇴근을 기록할", "내 주변 일자리를 찾을").
document.addEventListener('submit', event => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || form.dataset.located === 'yes') return;
    const submitter = event.submitter;
    const marked = submitter?.hasAttribute('data-geolocate') ? submitter : form.hasAttribute('data-geolocate') ? form : null;
    if (!marked) return;
    event.preventDefault();
    const purpose = marked.getAttribute('data-geolocate');
    const say = text => {
        const out = form.querySelector('[data-geolocate-error]');
        out.textContent = text;
        out.hidden = !text;
    };
    const set = (name, value) => {
        const field = form.querySelector(`[data-coordinate="${name}"]`);
        if (!field) return;
        field.value = String(value);
        field.disabled = false;
    };
    if (!navigator.geolocation) {
        say(`이 브라우저는 위치를 알려 주지 않아 ${purpose} 수 없습니다.`);
        return;
    }
    say('');
    navigator.geolocation.getCurrentPosition(position => {
        set('latitude', position.coords.latitude);
        set('longitude', position.coords.longitude);
        set('accuracy', position.coords.accuracy);
        form.dataset.located = 'yes';
        form.requestSubmit(submitter);
    }, error => say(error.code === error.PERMISSION_DENIED
        ? `위치 권한을 허용해야 ${purpose} 수 있습니다. 브라우저 설정에서 허용해 주세요.`
        : '현재 위치를 확인하지 못했습니다. 잠시 후 다시 시도해 주세요.'),
    { enableHighAccuracy: true, timeout: 15000, maximumAge: 0 });
}, true);
