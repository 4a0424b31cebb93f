"""Driving the card helper's own PIN window from a Playwright page, by mouse or by keyboard."""


def use_card(page, button_name, pin, keyboard=False, expect_done=True):
    """Press the page's card button, type `pin` in the helper's window that opens, and submit it.

    Returns the popup page (closed by the site's script once the card answered)."""
    button = page.get_by_role("button", name=button_name)
    with page.context.expect_page(timeout=15000) as opened:
        if keyboard:
            button.focus()
            page.keyboard.press("Enter")
        else:
            button.click()
    popup = opened.value
    pin_field = popup.locator("#pin")
    pin_field.wait_for(timeout=15000)
    if keyboard:
        pin_field.focus()  # the prompt autofocuses its field; focus() only confirms it
        popup.keyboard.type(pin)
        popup.keyboard.press("Enter")
    else:
        pin_field.fill(pin)
        popup.locator("form:has(#pin) button[type=submit]").click()
    if expect_done:
        popup.wait_for_event("close", timeout=15000)
    return popup

